// Prints each failed test of the trx files under a folder, with the first lines of its message, so that a CI log
// that keeps only its tail still says what failed. Usage: node scripts/failed-tests.mjs TestResults
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const decode = (text) => text
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'")
  .replace(/&#x([0-9a-fA-F]+);/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
  .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
  .replace(/&amp;/g, "&");

const trxFiles = (folder) => readdirSync(folder).flatMap((name) => {
  const path = join(folder, name);
  return statSync(path).isDirectory() ? trxFiles(path) : name.endsWith(".trx") ? [path] : [];
});

for (const file of trxFiles(process.argv[2] ?? "TestResults")) {
  const trx = readFileSync(file, "utf8");
  for (const result of trx.matchAll(/<UnitTestResult\b([^>]*?)(?:\/>|>([\s\S]*?)<\/UnitTestResult>)/g)) {
    const attributes = result[1];
    if (!/\boutcome="(Failed|Error|Timeout|Aborted)"/.test(attributes)) continue;
    const name = decode(/\btestName="([^"]*)"/.exec(attributes)?.[1] ?? "?");
    const message = decode(/<Message>([\s\S]*?)<\/Message>/.exec(result[2] ?? "")?.[1] ?? "");
    const where = decode(/<StackTrace>([\s\S]*?)<\/StackTrace>/.exec(result[2] ?? "")?.[1] ?? "")
      .split("\n").find((line) => line.includes("PoliceGrid.") && line.includes(" in ")) ?? "";
    console.log(`FAILED ${name}`);
    for (const line of message.split("\n").slice(0, 12)) console.log(`    ${line.trimEnd()}`);
    if (where) console.log(`    ${where.trim()}`);
  }
}
