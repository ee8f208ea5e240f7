// PLACEHOLDER (owned by the export work): export and import requests.
export interface TransferProtocol {}
