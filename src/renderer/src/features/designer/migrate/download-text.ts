/** Hands `text` to the browser as a file download (the desktop app shows its save dialog for it). */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // the click has started the download; the object URL can go once the event loop moves on
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** `20261207174512`: the timestamp knex puts in front of a migration file's name. */
export function migrationStamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}
