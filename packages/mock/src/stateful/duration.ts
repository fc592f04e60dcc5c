/** ISO 8601 duration (`PT1M`, `P1D`, `PT0.5S`) in ms; months and years as 30 and 365 days. */
export function durationMs(text: string): number {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
    text,
  );
  if (match === null || text === "P" || text.endsWith("T")) throw new TypeError(`not an ISO 8601 duration: ${text}`);
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const day = 86_400_000;
  return (
    years * 365 * day +
    months * 30 * day +
    weeks * 7 * day +
    days * day +
    hours * 3_600_000 +
    minutes * 60_000 +
    seconds * 1_000
  );
}
