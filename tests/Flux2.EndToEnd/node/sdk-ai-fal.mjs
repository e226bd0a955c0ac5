// The Vercel AI SDK (ai + @ai-sdk/fal) against the simulator's fal dialect (sync host): a FLUX.2 app and FLUX 3 Image,
// with only a base URL and a dummy key. Result images are served on the base URL's origin, which the SDK trusts.
import { generateImage } from "ai";
import { createFal } from "@ai-sdk/fal";
import { assert, baseUrl, imageKind, run } from "./sdk-common.mjs";

const fal = createFal({ apiKey: "sim-fal-key", baseURL: `${baseUrl()}/fal` });

async function generate(model, options) {
  const { image, providerMetadata } = await generateImage({ model: fal.image(model), maxRetries: 0, ...options });
  const kind = imageKind(image.uint8Array);
  assert(kind !== null, `${model}: not an image`);
  const meta = providerMetadata.fal;
  return { kind, bytes: image.uint8Array.length, width: meta.images[0].width, height: meta.images[0].height, contentType: meta.images[0].contentType };
}

await run("@ai-sdk/fal", async () => {
  const flux2 = await generate("fal-ai/flux-2-pro", { prompt: "a lighthouse at dusk", size: "1024x768", seed: 9 });
  assert(flux2.kind === "jpeg" && flux2.width === 1024 && flux2.height === 768, `fal-ai/flux-2-pro: got ${JSON.stringify(flux2)}`);

  const flux3 = await generate("blackforestlabs/flux-3/text-to-image", {
    prompt: "a red fox under a tree",
    providerOptions: { fal: { resolution: "1k", aspect_ratio: "16:9", outputFormat: "png" } },
  });
  assert(flux3.kind === "png" && flux3.width === 1360 && flux3.height === 768, `flux-3 text-to-image: a 1k 16:9 png, got ${JSON.stringify(flux3)}`);
  assert(flux3.contentType === "image/png", "fal's image entry names the content type");

  return { sdkVersion: "3.0.41", flux2, flux3 };
});
