using System.Globalization;

namespace Flux2.Client;

/// <summary>
/// Owns every request rule and its wording. <see cref="Validate"/> checks what does not depend on the provider; the caller's
/// core then plans a request onto one provider's capability row: sizes rounded and clamped, ranges clamped, unsupported fields
/// dropped (each with a warning), the price estimated and the fan-out laid out. Every face (the tools, the CLI, the Semantic
/// Kernel and <c>IImageGenerator</c> adapters) leaves the rules to it, so a rule has one message everywhere. Nothing here sends anything.
/// </summary>
public static class Flux2RequestPlanner
{
    /// <summary>Longest prompt accepted (characters).</summary>
    public const int MaxPromptLength = 10_000;

    /// <summary>Most images one request may ask for.</summary>
    public const int MaxImages = 4;

    /// <summary>Most reference images one request may carry (models allow fewer: see their rows).</summary>
    public const int MaxReferenceImages = 10;

    /// <summary>Lowest safety tolerance on the project's scale (strictest).</summary>
    public const int MinSafetyTolerance = 0;

    /// <summary>Highest safety tolerance on the project's scale (most permissive).</summary>
    public const int MaxSafetyTolerance = 6;

    /// <summary>Highest guidance scale accepted (models clamp further: see their rows).</summary>
    public const double MaxGuidanceScale = 20;

    /// <summary>Most inference steps accepted (models clamp further: see their rows).</summary>
    public const int MaxSteps = 50;

    /// <summary>Most layout boxes one request may carry (FLUX 3.1's limit; models allow fewer: see their rows).</summary>
    public const int MaxLayoutBoxes = 32;

    /// <summary>
    /// Checks what does not depend on the provider and returns the normalized model name. With
    /// <paramref name="referencesResolved"/> false (a face that still has to turn local files or stored ids into data URIs)
    /// only the number of reference images is checked, not their form.
    /// </summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> naming the parameter and what is allowed.</exception>
    public static string Validate(Flux2ImageRequest request, string defaultModel, bool referencesResolved = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw Invalid("prompt", "prompt is empty; describe the image to generate.");
        }

        if (request.Prompt.Length > MaxPromptLength)
        {
            throw Invalid("prompt", $"prompt has {request.Prompt.Length} characters; allowed: at most {MaxPromptLength}. Shorten it.");
        }

        string model = (string.IsNullOrWhiteSpace(request.Model) ? defaultModel : request.Model).Trim().ToLowerInvariant();
        if (!Flux2Models.All.Contains(model))
        {
            throw Invalid("model", $"model '{request.Model ?? defaultModel}' is unknown; allowed: {string.Join(", ", Flux2Models.All)}.");
        }

        if (!Flux2Sizes.TryParse(request.Size, out _, out _, out string? sizeError))
        {
            throw Invalid("size", sizeError!);
        }

        if (request.NumImages is { } n && (n < 1 || n > MaxImages))
        {
            throw Invalid("num_images", $"num_images is {n}; allowed: 1 to {MaxImages}.");
        }

        if (request.Seed is < 0)
        {
            throw Invalid("seed", $"seed is {request.Seed}; allowed: 0 or a positive whole number.");
        }

        if (request.GuidanceScale is { } g && (!double.IsFinite(g) || g < 0 || g > MaxGuidanceScale))
        {
            throw Invalid("guidance_scale", $"guidance_scale is {Text(g)}; allowed: 0 to {Text(MaxGuidanceScale)} (typically 2.5 to 5).");
        }

        if (request.Steps is { } steps && (steps < 1 || steps > MaxSteps))
        {
            throw Invalid("num_inference_steps", $"num_inference_steps is {steps}; allowed: 1 to {MaxSteps} (typically 20 to 50; 4 on klein).");
        }

        if (request.OutputFormat is { } format && NormalizeFormat(format) is null)
        {
            throw Invalid("output_format", $"output_format '{format}' is unknown; allowed: {string.Join(", ", Flux2OutputFormats.All)}.");
        }

        if (request.SafetyTolerance is { } s && (s < MinSafetyTolerance || s > MaxSafetyTolerance))
        {
            throw Invalid("safety_tolerance", $"safety_tolerance is {s}; allowed: {MinSafetyTolerance} (strictest) to {MaxSafetyTolerance} (most permissive).");
        }

        if (request.Resolution is { } resolution && Flux2Resolutions.Normalize(resolution) is null)
        {
            throw Invalid("resolution", $"resolution '{resolution}' is unknown; allowed: {string.Join(", ", Flux2Resolutions.All)}.");
        }

        if (request.Mode is { } mode && !Flux2Modes.All.Contains(mode.Trim().ToLowerInvariant()))
        {
            throw Invalid("mode", $"mode '{mode}' is unknown; allowed: {string.Join(", ", Flux2Modes.All)}.");
        }

        ValidateLayout(request.Layout);
        if (request.ReferenceImages.Count > MaxReferenceImages)
        {
            throw Invalid("reference_images", $"reference_images has {request.ReferenceImages.Count} images; allowed: at most {MaxReferenceImages} (fewer on most models).");
        }

        for (int i = 0; referencesResolved && i < request.ReferenceImages.Count; i++)
        {
            if (!IsValidReference(request.ReferenceImages[i]))
            {
                throw Invalid("reference_images", $"reference_images[{i}] is not an http(s) URL or a base64 image data URI (data:image/png;base64,...); give a public URL or inline the image.");
            }
        }

        for (int i = 0; i < request.Loras.Count; i++)
        {
            Flux2Lora? lora = request.Loras[i];
            if (lora is null || string.IsNullOrWhiteSpace(lora.Path))
            {
                throw Invalid("loras", $"loras[{i}] has no path; give the URL of a .safetensors file, a Hugging Face owner/repo, or on BFL the finetune id.");
            }

            if (!double.IsFinite(lora.Scale) || lora.Scale < Flux2Lora.MinScale || lora.Scale > Flux2Lora.MaxScale)
            {
                throw Invalid("loras", $"loras[{i}] has scale {Text(lora.Scale)}; allowed: {Text(Flux2Lora.MinScale)} to {Text(Flux2Lora.MaxScale)} (1 is the LoRA as trained).");
            }
        }

        return model;
    }

    /// <summary>Checks the layout boxes: labels as providers require them (letters, digits, _, a letter first; unique), edges as fractions.</summary>
    private static void ValidateLayout(IList<Flux2LayoutBox> layout)
    {
        if (layout.Count > MaxLayoutBoxes)
        {
            throw Invalid("layout", $"layout has {layout.Count} boxes; allowed: at most {MaxLayoutBoxes}.");
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < layout.Count; i++)
        {
            Flux2LayoutBox? box = layout[i];
            string label = box?.Label ?? "";
            if (!IsLabel(label))
            {
                throw Invalid("layout", $"layout[{i}].label '{label}' is not allowed; allowed: letters, digits and _, starting with a letter (such as fox or title_1).");
            }

            if (!labels.Add(label))
            {
                throw Invalid("layout", $"layout[{i}].label '{label}' is used twice; allowed: each label once.");
            }

            IReadOnlyList<double>? edges = box!.Box;
            if (edges is not { Count: 4 } || edges.Any(e => !double.IsFinite(e) || e < 0 || e > 1) || edges[0] >= edges[2] || edges[1] >= edges[3])
            {
                string given = edges is null ? "missing" : "[" + string.Join(", ", edges.Select(Text)) + "]";
                throw Invalid("layout", $"layout[{i}].box is {given}; allowed: four fractions [x0, y0, x1, y1] from 0 to 1, edges from the top-left, with x0 < x1 and y0 < y1.");
            }
        }
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 64 && char.IsAsciiLetter(label[0]) && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Where layouts work, for messages: "flux-3-image (bfl, fal, replicate); flux-3.1-image (bfl, fal)".</summary>
    private static string LayoutModels(IEnumerable<Flux2ModelCapabilities> matrix)
    {
        var groups = matrix.Where(r => r.Layout != Flux2LayoutEncoding.None)
            .GroupBy(r => r.Model, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(r => r.Provider).Distinct())})")
            .ToList();
        return groups.Count == 0 ? "no configured provider" : string.Join("; ", groups);
    }

    /// <summary>Where LoRAs work, for messages: "fal (flux-2-dev, flux-2-klein-4b), bfl (flux-2-klein-4b finetunes)".</summary>
    internal static string LoraProviders(IEnumerable<Flux2ModelCapabilities> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var groups = matrix.Where(r => r.Loras is not null)
            .GroupBy(r => r.Provider, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(r => r.Loras!.Finetune ? r.Model + " finetune" : r.Model))})")
            .ToList();
        return groups.Count == 0 ? "no configured provider" : string.Join("; ", groups);
    }

    /// <summary>Maps a validated request onto one provider's row.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.Unsupported"/> or <see cref="Flux2ErrorKind.InvalidArgument"/> when the row cannot serve it.</exception>
    internal static Flux2CallPlan Plan(Flux2ImageRequest request, IFlux2Provider provider, Flux2ModelCapabilities row, Flux2ProviderEndpoint endpoint, IEnumerable<Flux2ModelCapabilities>? matrix = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(row);
        var warnings = new List<string>();
        string where = $"{row.Model} on {row.Provider}";
        Flux2Pricing? pricing = row.Pricing;
        int maxReferences = row.MaxReferenceImages;
        if (request.Loras.Count > 0)
        {
            Flux2LoraSupport lora = row.Loras
                ?? throw new Flux2Exception(Flux2ErrorKind.Unsupported, $"{where} takes no LoRAs. LoRAs work on: {LoraProviders(matrix ?? provider.Models)}. Choose one of those, or drop loras.") { Provider = row.Provider, Parameter = "loras" };
            if (lora.Finetune && request.Loras.Count != 1)
            {
                throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"{where} applies exactly one finetune (its id as the path); {request.Loras.Count} were given.") { Provider = row.Provider, Parameter = "loras" };
            }

            if (request.Loras.Count > lora.MaxLoras)
            {
                throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"{where} takes at most {lora.MaxLoras} LoRAs; {request.Loras.Count} were given.") { Provider = row.Provider, Parameter = "loras" };
            }

            if (request.Loras.FirstOrDefault(l => !lora.Scale.Contains(l.Scale)) is { } outOfRange)
            {
                throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"{where} takes LoRA scales {lora.Scale.Min}..{lora.Scale.Max}; '{outOfRange.Path}' has {outOfRange.Scale}.") { Provider = row.Provider, Parameter = "loras" };
            }

            pricing = lora.Pricing;
            maxReferences = Math.Min(maxReferences, lora.MaxReferenceImages ?? maxReferences);
        }

        int count = request.NumImages ?? 1;
        if (count > row.MaxImages)
        {
            throw new Flux2Exception(Flux2ErrorKind.Unsupported, $"{where} returns at most {row.MaxImages} image(s) per request; ask for fewer.") { Provider = row.Provider, Parameter = "num_images" };
        }

        if (request.ReferenceImages.Count > 0 && row.MaxReferenceImages == 0)
        {
            throw new Flux2Exception(Flux2ErrorKind.Unsupported, $"{where} cannot edit with reference images; drop reference_images or choose a model/provider that supports editing.") { Provider = row.Provider, Parameter = "reference_images" };
        }

        if (request.ReferenceImages.Count > maxReferences)
        {
            throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"{where} takes at most {maxReferences} reference image(s){(maxReferences < row.MaxReferenceImages ? " with LoRAs" : "")}; {request.ReferenceImages.Count} were given.") { Provider = row.Provider, Parameter = "reference_images" };
        }

        if (request.Layout.Count > 0)
        {
            if (row.Layout == Flux2LayoutEncoding.None)
            {
                throw new Flux2Exception(Flux2ErrorKind.Unsupported, $"{where} takes no layout. Layout works on: {LayoutModels(matrix ?? provider.Models)}. Choose one of those, or drop layout.") { Provider = row.Provider, Parameter = "layout" };
            }

            if (request.Layout.Count > row.MaxLayoutBoxes)
            {
                throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"{where} takes at most {row.MaxLayoutBoxes} layout boxes; {request.Layout.Count} were given.") { Provider = row.Provider, Parameter = "layout" };
            }

            foreach (Flux2LayoutBox box in request.Layout.Where(b => !request.Prompt.Contains($"<{b.Label}>", StringComparison.Ordinal)))
            {
                warnings.Add($"layout box '{box.Label}' is not named as <{box.Label}> in the prompt, so the model may not place it; write <{box.Label}> where it belongs.");
            }
        }

        Flux2SizePlan size = row.SizeEncoding == Flux2SizeEncoding.AspectRatioAndTier
            ? Flux2SizePlanner.ForTiers(request, row, where)
            : Flux2SizePlanner.ForPixels(request, row, where);
        warnings.AddRange(size.Warnings);
        (int width, int height) = (size.Width, size.Height);

        bool? grounding = row.Grounding is { } providerDefault ? request.Grounding ?? providerDefault : null;
        if (request.Grounding is not null && row.Grounding is null)
        {
            warnings.Add($"grounding was ignored: {where} has no grounding switch.");
        }

        string? mode = request.Mode?.Trim().ToLowerInvariant();
        if (mode is not null && !row.Modes.Contains(mode))
        {
            warnings.Add($"mode was ignored: {where} has no {mode} mode{(row.Modes.Count > 0 ? $" (allowed: {string.Join(", ", row.Modes)})" : "")}.");
            mode = null;
        }

        long? seed = request.Seed;
        if (seed is not null && !row.SupportsSeed)
        {
            warnings.Add($"seed was ignored: {where} takes no seed.");
            seed = null;
        }

        double? guidance = request.GuidanceScale;
        if (guidance is { } g)
        {
            if (row.Guidance is null)
            {
                warnings.Add($"guidance_scale was ignored: {where} takes no guidance.");
                guidance = null;
            }
            else if (!row.Guidance.Contains(g))
            {
                guidance = row.Guidance.Clamp(g);
                warnings.Add($"guidance_scale {g} was clamped to {guidance} ({where} allows {row.Guidance.Min}-{row.Guidance.Max}).");
            }
        }

        int? steps = request.Steps;
        if (steps is { } st)
        {
            if (row.Steps is null)
            {
                warnings.Add($"num_inference_steps was ignored: {where} takes no steps.");
                steps = null;
            }
            else if (!row.Steps.Contains(st))
            {
                steps = (int)row.Steps.Clamp(st);
                warnings.Add($"num_inference_steps {st} was clamped to {steps} ({where} allows {row.Steps.Min}-{row.Steps.Max}).");
            }
        }

        string? format = request.OutputFormat is { } f ? NormalizeFormat(f) : null;
        if (format is not null && row.OutputFormats.Count == 0)
        {
            warnings.Add($"output_format was ignored: {where} chooses its own format; a saved file is named by what its bytes are.");
            format = null;
        }
        else if (format is not null && !row.OutputFormats.Contains(format, StringComparer.OrdinalIgnoreCase))
        {
            warnings.Add($"output_format {format} is not available for {where} (allowed: {string.Join(", ", row.OutputFormats)}); {row.DefaultOutputFormat} is used.");
            format = row.DefaultOutputFormat;
        }

        int? tolerance = request.SafetyTolerance;
        if (tolerance is { } t)
        {
            if (row.SafetyTolerance is null)
            {
                warnings.Add($"safety_tolerance was ignored: {where} has no tolerance setting.");
                tolerance = null;
            }
            else if (!row.SafetyTolerance.Contains(t))
            {
                tolerance = (int)row.SafetyTolerance.Clamp(t);
                warnings.Add($"safety_tolerance {t} was clamped to {tolerance} ({where} allows {row.SafetyTolerance.Min}-{row.SafetyTolerance.Max}).");
            }
        }

        int perRequest = Math.Max(1, row.MaxImagesPerRequest);
        var calls = new List<Flux2ProviderRequest>();
        for (int done = 0, i = 0; done < count; i++)
        {
            int n = Math.Min(perRequest, count - done);
            calls.Add(new Flux2ProviderRequest
            {
                Capabilities = row,
                Endpoint = endpoint,
                Prompt = request.Prompt,
                Width = width,
                Height = height,
                AspectRatio = size.AspectRatio,
                Resolution = size.Resolution,
                Layout = [.. request.Layout],
                Grounding = row.Grounding is null ? null : request.Grounding,
                Mode = mode,
                NumImages = n,
                Seed = seed is { } s0 ? s0 + i : null,
                GuidanceScale = guidance,
                Steps = steps,
                OutputFormat = format,
                SafetyTolerance = tolerance,
                ReferenceImages = [.. request.ReferenceImages],
                Loras = [.. request.Loras],
                AdditionalProperties = request.AdditionalProperties,
                Progress = request.Progress,
            });
            done += n;
        }

        decimal? estimate = null;
        if (row.TierPrices is { } tierPrices)
        {
            estimate = size.Resolution is { } tier && tierPrices.TryGetValue(tier, out decimal perImage) ? perImage * count : null;
        }
        else if (pricing is { } price)
        {
            // Reference images are counted as 1 MP each: their real size is not known before the call.
            estimate = calls.Sum(c => c.NumImages * price.Estimate(width, height, c.ReferenceImages.Count));
        }

        return new Flux2CallPlan
        {
            Provider = provider,
            Endpoint = endpoint,
            Capabilities = row,
            Calls = calls,
            EstimatedUsd = estimate,
            Warnings = warnings,
            ImageCount = count,
            Grounding = grounding,
        };
    }

    /// <summary>Rounds to the row's multiple and clamps to its side and area limits, keeping the aspect ratio.</summary>
    internal static (int Width, int Height) MapSize(int width, int height, Flux2ModelCapabilities row)
    {
        ArgumentNullException.ThrowIfNull(row);
        int m = Math.Max(1, row.SizeMultiple);
        double w = width, h = height;
        double maxSide = Math.Max(w, h);
        if (maxSide > row.MaxSide)
        {
            double k = row.MaxSide / maxSide;
            (w, h) = (w * k, h * k);
        }

        double minSide = Math.Min(w, h);
        if (minSide < row.MinSide)
        {
            double k = row.MinSide / minSide;
            (w, h) = (Math.Min(w * k, row.MaxSide), Math.Min(h * k, row.MaxSide));
        }

        if (row.MaxMegapixels is { } mp && w * h > mp * 1_000_000)
        {
            double k = Math.Sqrt(mp * 1_000_000 / (w * h));
            (w, h) = (w * k, h * k);
        }

        int minAligned = (int)Math.Ceiling(row.MinSide / (double)m) * m;
        int maxAligned = row.MaxSide / m * m;
        int rw = Math.Clamp((int)Math.Round(w / m, MidpointRounding.AwayFromZero) * m, minAligned, maxAligned);
        int rh = Math.Clamp((int)Math.Round(h / m, MidpointRounding.AwayFromZero) * m, minAligned, maxAligned);
        if (row.MaxMegapixels is { } cap)
        {
            while ((double)rw * rh > cap * 1_000_000 && (rw > minAligned || rh > minAligned))
            {
                if (rw >= rh && rw > minAligned)
                {
                    rw -= m;
                }
                else
                {
                    rh -= m;
                }
            }
        }

        return (rw, rh);
    }

    /// <summary>The project's format name ("jpg" reads as jpeg), or null when unknown.</summary>
    public static string? NormalizeFormat(string format)
    {
        string f = format.Trim().ToLowerInvariant();
        if (f == "jpg")
        {
            f = Flux2OutputFormats.Jpeg;
        }

        return Flux2OutputFormats.All.Contains(f) ? f : null;
    }

    /// <summary>Whether a reference image is an http(s) URL or a base64 image data URI.</summary>
    public static bool IsValidReference(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return false;
        }

        if (reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            int comma = reference.IndexOf(',', StringComparison.Ordinal);
            return comma > 5
                && reference.AsSpan(5, comma - 5).StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                && reference.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase)
                && comma < reference.Length - 1;
        }

        return Uri.TryCreate(reference, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host);
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static Flux2Exception Invalid(string parameter, string message) => new(Flux2ErrorKind.InvalidArgument, message) { Parameter = parameter };
}
