// Builds verify.html from src/ and the pinned packages in node_modules: one self-contained file,
// unminified, the same bytes for the same inputs. Usage: node build.mjs OUT.html
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const out = process.argv[2];
if (!out) throw new Error("usage: node build.mjs OUT.html");
const here = new URL(".", import.meta.url).pathname;
const result = await build({
  entryPoints: [`${here}src/main.js`], bundle: true, write: false, format: "iife", minify: false,
  target: ["chrome110", "firefox115", "safari16"], loader: { ".pem": "text" }, legalComments: "inline",
  charset: "utf8", absWorkingDir: here, logLevel: "warning", platform: "browser",
});
const script = result.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
const style = readFileSync(`${here}src/page.css`, "utf8");
const hash = (text) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;
const page = readFileSync(`${here}src/page.html`, "utf8")
  .replace("{{SCRIPT_HASH}}", hash(script)).replace("{{STYLE_HASH}}", hash(style))
  .replace("{{STYLE}}", () => style).replace("{{SCRIPT}}", () => script);
writeFileSync(out, page);
