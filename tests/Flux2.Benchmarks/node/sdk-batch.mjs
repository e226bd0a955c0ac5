// Fires N prompts through one official provider SDK against the Flux2 simulator, with a fixed number of workers and the
// SDK's own defaults (retries, polling), and prints one JSON line: { sdk, wallMs, ok, failed, errors }.
// usage: node sdk-batch.mjs <fal|replicate|together|openai> <simulator base URL> <count> <concurrency>
// The SDKs are resolved from tests/Flux2.EndToEnd/node (FLUX2_NODE_DIR), where the end-to-end tests install them.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [sdk, baseArg, countArg, concurrencyArg] = process.argv.slice(2);
const base = (baseArg ?? "").replace(/\/+$/, "");
const count = Number(countArg ?? 200);
const concurrency = Number(concurrencyArg ?? 16);
const nodeDir = process.env.FLUX2_NODE_DIR;
if (!sdk || !base || !nodeDir) {
  console.log(JSON.stringify({ sdk, error: "usage: FLUX2_NODE_DIR=... node sdk-batch.mjs <sdk> <base> <count> <concurrency>" }));
  process.exit(2);
}

const require = createRequire(join(nodeDir, "package.json"));
async function load(name) {
  const mod = await import(pathToFileURL(require.resolve(name)).href);
  return mod;
}
const unwrap = (mod) => mod.default?.default ?? mod.default ?? mod;

// The same prompts as the flux2 batch file: "benchmark prompt i" with seed i.
const prompt = (i) => `benchmark prompt ${i}: a lighthouse on a cliff at dusk`;

async function makeCall() {
  switch (sdk) {
    case "fal": {
      const { createFalClient } = await load("@fal-ai/client");
      const rewrite = (url) => {
        const u = new URL(url);
        const prefix = u.host === "queue.fal.run" ? "fal-queue" : u.host === "fal.run" ? "fal" : null;
        return prefix ? `${base}/${prefix}${u.pathname}${u.search}` : url;
      };
      const fal = createFalClient({ credentials: "x", requestMiddleware: async (r) => ({ ...r, url: rewrite(r.url) }) });
      return async (i) => {
        const result = await fal.subscribe("fal-ai/flux-2-pro", { input: { prompt: prompt(i), seed: i, image_size: { width: 1024, height: 1024 } } });
        return result.data.images[0].url;
      };
    }
    case "replicate": {
      const Replicate = unwrap(await load("replicate"));
      const replicate = new Replicate({ auth: "r8_bench", baseUrl: `${base}/replicate/v1`, useFileOutput: false });
      return async (i) => {
        const output = await replicate.run("black-forest-labs/flux-2-pro", { input: { prompt: prompt(i), seed: i, aspect_ratio: "1:1" } });
        return Array.isArray(output) ? output[0] : output;
      };
    }
    case "together": {
      const Together = unwrap(await load("together-ai"));
      const together = new Together({ apiKey: "bench-together-key", baseURL: `${base}/together/v1` });
      return async (i) => {
        const result = await together.images.generate({ model: "black-forest-labs/FLUX.2-pro", prompt: prompt(i), seed: i, width: 1024, height: 1024 });
        return result.data[0].url;
      };
    }
    case "openai": {
      const OpenAI = unwrap(await load("openai"));
      const openai = new OpenAI({ apiKey: "bench-aiml-key", baseURL: `${base}/aiml/v1` });
      return async (i) => {
        const result = await openai.images.generate({ model: "blackforestlabs/flux-2-pro", prompt: prompt(i), size: "1024x1024", n: 1, response_format: "url" });
        return result.data[0].url;
      };
    }
    default:
      throw new Error(`unknown sdk ${sdk}`);
  }
}

const call = await makeCall();
const errors = {};
let ok = 0;
let failed = 0;
let next = 0;
const started = performance.now();
async function worker() {
  while (next < count) {
    const i = next++;
    try {
      const url = await call(i);
      if (typeof url === "string" && url.length > 0) ok++;
      else throw new Error("no image url in the result");
    } catch (error) {
      failed++;
      const key = String(error?.status ?? error?.name ?? "Error") + ": " + String(error?.message ?? error).slice(0, 160);
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const wallMs = performance.now() - started;
console.log(JSON.stringify({ sdk, wallMs: Math.round(wallMs), ok, failed, errors }));
process.exit(0);
