namespace Flux2.Client;

/// <summary>A published per-megapixel price in US dollars: the first megapixel, each further one, and each input (reference) megapixel.</summary>
/// <param name="FirstMegapixelUsd">Price of the first output megapixel (or of an image up to 1 MP).</param>
/// <param name="AdditionalMegapixelUsd">Price of each further output megapixel, rounded up.</param>
/// <param name="InputMegapixelUsd">Price of each megapixel of reference images, rounded up.</param>
public sealed record Flux2Pricing(decimal FirstMegapixelUsd, decimal AdditionalMegapixelUsd, decimal InputMegapixelUsd = 0m)
{
    /// <summary>Estimated price of one output image of the given size, plus reference input megapixels.</summary>
    public decimal Estimate(int width, int height, double inputMegapixels = 0)
    {
        double outputMp = Math.Max(1, Math.Ceiling(width * (double)height / 1_000_000d - 1e-9));
        decimal cost = FirstMegapixelUsd + (decimal)(outputMp - 1) * AdditionalMegapixelUsd;
        if (inputMegapixels > 0)
        {
            cost += (decimal)Math.Ceiling(inputMegapixels - 1e-9) * InputMegapixelUsd;
        }

        return cost;
    }
}
