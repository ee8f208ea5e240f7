// The benches' command lines: `--name=value` options and `--name` switches, read the same way by every script.

/** The value of `--name=value` on the command line, or undefined when it is not given. */
export function option(name: string, argv: readonly string[] = process.argv): string | undefined {
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** The value of `--name=value`, or `fallback`. */
export const arg = (name: string, fallback: string, argv: readonly string[] = process.argv): string => option(name, argv) ?? fallback;

/** Whether the switch `--name` is on the command line. */
export const flag = (name: string, argv: readonly string[] = process.argv): boolean => argv.includes(`--${name}`);

/** `--name=n` as a positive whole number, or `fallback`; anything else stops `script` with a message saying so. */
export function wholeNumber(script: string, name: string, fallback: number, argv: readonly string[] = process.argv): number {
  const raw = option(name, argv);
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${script}: --${name} needs a positive whole number`);
  return n;
}
