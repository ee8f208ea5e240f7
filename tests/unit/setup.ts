// IndexedDB for the notes store under Node: fake-indexeddb gives each test file a real, spec-conformant implementation.
import 'fake-indexeddb/auto';
