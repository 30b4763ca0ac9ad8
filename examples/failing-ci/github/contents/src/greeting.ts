export function greeting(names: string[]): string {
  if (names.lenght === 0) return "Hello, nobody!";
  return `Hello, ${names.join(" and ")}!`;
}
