// Builds the gallery view into ONE self-contained HTML file: the script (the App API included) and the style sheet are
// minified and inlined, and the page's Content-Security-Policy allows exactly those two blocks (by SHA-256) and data:
// images, nothing else: no network, no other script, no frames, no forms.
//
//   node build.mjs                  writes ../Flux2Gallery.html (the file the server embeds; commit it)
//   node build.mjs --out FILE       writes FILE instead (the end-to-end test compares it with the committed file)
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(here, "..", "Flux2Gallery.html");

const bundle = await build({
  entryPoints: [join(here, "src", "gallery.js")],
  bundle: true,
  write: false,
  format: "iife",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  legalComments: "eof",
  charset: "utf8",
  logLevel: "warning",
  plugins: [englishOnlyZodLocales(), sideEffectFreeMcpClient()],
});

/** Resolves zod's locales index to src/zod-locales-en.js (English only). */
function englishOnlyZodLocales() {
  return {
    name: "english-only-zod-locales",
    setup(on) {
      on.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
        /[\\/]zod[\\/]/.test(args.importer) ? { path: join(here, "src", "zod-locales-en.js") } : undefined);
    },
  };
}

/**
 * Lets esbuild drop the parts of @modelcontextprotocol/client and /core that the App API does not use (transports, OAuth,
 * JSON Schema validators): their package.json does not say they are free of side effects, but their modules are.
 */
function sideEffectFreeMcpClient() {
  return {
    name: "side-effect-free-mcp-client",
    setup(on) {
      const ours = /[\\/]node_modules[\\/]@modelcontextprotocol[\\/](client|core)[\\/]/;
      on.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === "resolving" || !(args.path.startsWith("@modelcontextprotocol/") || ours.test(args.importer))) {
          return undefined;
        }
        const resolved = await on.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: "resolving" });
        return resolved.errors.length === 0 && ours.test(resolved.path) ? { path: resolved.path, sideEffects: false } : undefined;
      });
    },
  };
}

// "</script" inside the code would end the inline block early; "<\/script" means the same to JavaScript.
const script = bundle.outputFiles[0].text.replaceAll("</script", "<\\/script").trimEnd();
const css = readFileSync(join(here, "src", "gallery.css"), "utf8");
const style = (await transform(css, { loader: "css", minify: true, target: ["chrome123", "firefox120", "safari17.5"], logLevel: "warning" })).code.trimEnd();
const hash = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)}`,
  `style-src ${hash(style)}`,
  "img-src data:",
  "connect-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

const html = readFileSync(join(here, "src", "gallery.html"), "utf8")
  .replace("%CSP%", () => csp)
  .replace("%STYLE%", () => style)
  .replace("%SCRIPT%", () => script);
writeFileSync(out, html);
console.error(`wrote ${out} (${Buffer.byteLength(html)} bytes)`);
