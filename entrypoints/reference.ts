// The bundled reference (the dataset and the matcher's tables the dataset build compiled), kept out of the content
// script every page parses: it asks for this script at its start, reads its settings and detects the article
// meanwhile, and puts the reference in use when it comes (lib/sets/page-reference.ts). Injected by the background
// into the content script's world on request (lib/page/parts.ts), never on its own, and never a web-accessible file.
import datasetJson from '@/lib/reference/dataset.json';
import tablesJson from '@/lib/reference/dataset.tables.json';
import type { Dataset } from '@/lib/reference/types';
import type { CompiledTables } from '@/lib/match/tables';
import { providePart } from '@/lib/page/parts';

export default defineUnlistedScript(() => {
  providePart('reference', { dataset: datasetJson as Dataset, tables: tablesJson as unknown as CompiledTables });
});
