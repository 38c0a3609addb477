// Builds the front end from npm packages (package-lock.json), run by the project's build (RestoreFrontEnd):
// copies Workbox's runtime and idb into wwwroot/lib and writes wwwroot/sw.js from ServiceWorker/sw.js with the
// precache manifest of the field app's own files.
import { copyWorkboxLibraries, injectManifest } from "workbox-build";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const lib = "wwwroot/lib";
mkdirSync(lib, { recursive: true });
const workboxDir = await copyWorkboxLibraries(lib);
rmSync(`${lib}/idb`, { recursive: true, force: true });
cpSync("node_modules/idb/build/index.js", `${lib}/idb/index.js`);
rmSync(`${lib}/browser-image-compression`, { recursive: true, force: true });
cpSync("node_modules/browser-image-compression/dist/browser-image-compression.mjs", `${lib}/browser-image-compression/browser-image-compression.mjs`);

mkdirSync("obj", { recursive: true });
writeFileSync("obj/sw-source.js", readFileSync("ServiceWorker/sw.js", "utf8").replaceAll("__WORKBOX_DIR__", workboxDir));
const { count, size, warnings } = await injectManifest({
  swSrc: "obj/sw-source.js",
  swDest: "wwwroot/sw.js",
  globDirectory: "wwwroot",
  globPatterns: ["css/site.css", "js/outbox.js", "js/report-event.js", "js/register-collect.js", "js/live.js", "js/field-app.js", "lib/idb/index.js", "js/photos.js", "lib/browser-image-compression/*.mjs",
    "manifest.webmanifest", "icons/*"],
});
for (const warning of warnings) console.warn(warning);
console.log(`sw.js: ${count} files precached (${size} bytes), Workbox in ${lib}/${workboxDir}`);
