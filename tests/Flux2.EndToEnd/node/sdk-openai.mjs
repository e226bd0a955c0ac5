// openai (npm) against the simulator's AIML (OpenAI-compatible) dialect: images.generate with url and b64_json.
// Only baseURL is changed.
import OpenAI from "openai";
import { assert, baseUrl, fetchImage, run } from "./sdk-common.mjs";

const openai = new OpenAI({ apiKey: "sim-aiml-key", baseURL: `${baseUrl()}/aiml/v1`, maxRetries: 0 });

await run("openai", async () => {
  const urls = await openai.images.generate({ model: "blackforestlabs/flux-2-pro", prompt: "a red fox", size: "1024x1024", n: 1, response_format: "url" });
  assert(Array.isArray(urls.data) && urls.data.length === 1, "one image");
  assert(typeof urls.created === "number", "created timestamp");
  const image = await fetchImage(urls.data[0].url);

  const b64 = await openai.images.generate({ model: "blackforestlabs/flux-2", prompt: "a cat", size: "512x512", n: 2, response_format: "b64_json" });
  assert(b64.data.length === 2, "two images");
  const decoded = await fetchImage(b64.data[0].b64_json);

  return { url: image, base64: decoded, creditsUsed: urls.meta?.usage?.credits_used ?? null };
});
