// PLACEHOLDER (owned by the notes work): requests the background answers about notes.
export interface NotesProtocol {}
