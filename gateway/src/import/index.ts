// Public surface of the import: columns and row sources (for readers of other formats), the engine, the CSV reader,
// the report and the templates.
export { gatewayClient, type ImportClient, ImportRefused } from './client.js';
export * from './columns.js';
export { CsvProblem, checkCsv, csvRows, HeaderProblem } from './csv.js';
export { type ImportOptions, type Outcome, type ReportEntry, runImport, type Summary } from './engine.js';
export { checkFiles, type FileReader, importFiles, readers, rowsOf } from './files.js';
export { isRejected, jsonLdRows } from './jsonld.js';
export { ReportFile, summaryLine } from './report.js';
export { type BodyReader, bodyReaders, IMPORT_PATH } from './route.js';
export { templateHeader, templateOf } from './template.js';
