namespace Yihao.Web.Infrastructure;

/// <summary>
/// A file's type read from its first bytes (its signature), never from its name or the client's Content-Type header:
/// what is served back is what was checked.
/// </summary>
public static class FileTypes
{
    public const string Jpeg = "image/jpeg",
        Png = "image/png",
        WebP = "image/webp",
        Heic = "image/heic",
        Heif = "image/heif",
        Pdf = "application/pdf";

    /// <summary>What a day's photo may be.</summary>
    public static readonly string[] Photos = [Jpeg, Png, WebP, Heic, Heif];

    /// <summary>How many first bytes <see cref="Sniff"/> needs.</summary>
    public const int HeadLength = 16;

    static readonly string[] HeicBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis"];
    static readonly string[] HeifBrands = ["mif1", "msf1"];

    public static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return Jpeg;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return Png;
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
            return WebP;
        if (b.StartsWith("%PDF-"u8))
            return Pdf;
        // ISO base media: a box size, then "ftyp" and the major brand.
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(b[8..12]);
            if (HeicBrands.Contains(brand))
                return Heic;
            if (HeifBrands.Contains(brand))
                return Heif;
        }
        return null;
    }

    /// <summary>The file name ending that goes with a type, for the name a download is given.</summary>
    public static string Extension(string type) =>
        type switch
        {
            Jpeg => ".jpg",
            Png => ".png",
            WebP => ".webp",
            Heic => ".heic",
            Heif => ".heif",
            Pdf => ".pdf",
            _ => "",
        };
}
