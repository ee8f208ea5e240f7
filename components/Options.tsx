// PLACEHOLDER (owned by the export work): all annotations across pages, export, import, delete-all.
export function Options() {
  return <main><h1>Backstory</h1></main>;
}
