// together-ai (npm) against the simulator: images.generate with url and base64 results. Only baseURL is changed.
import Together from "together-ai";
import { assert, baseUrl, fetchImage, run } from "./sdk-common.mjs";

const together = new Together({ apiKey: "sim-together-key", baseURL: `${baseUrl()}/together/v1`, maxRetries: 0 });

await run("together-ai", async () => {
  const urls = await together.images.generate({ model: "black-forest-labs/FLUX.2-pro", prompt: "a red fox", width: 1024, height: 768, n: 2, seed: 3 });
  assert(urls.object === "list" && urls.data.length === 2, `two images in a list, got ${JSON.stringify(urls).slice(0, 200)}`);
  assert(urls.data[0].type === "url" && urls.data[1].index === 1, "url items with indexes");
  const first = await fetchImage(urls.data[0].url);

  const b64 = await together.images.generate({ model: "black-forest-labs/FLUX.2-dev", prompt: "a cat", width: 512, height: 512, response_format: "base64", output_format: "png" });
  assert(b64.data[0].type === "b64_json", "base64 item");
  const decoded = await fetchImage(b64.data[0].b64_json);
  assert(decoded.kind === "png", "png requested");

  return { id: urls.id, url: first, base64: decoded };
});
