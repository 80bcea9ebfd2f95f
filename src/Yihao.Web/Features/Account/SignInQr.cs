using QRCoder;

namespace Yihao.Web.Features.Account;

/// <summary>The QR code on a first-password slip: the sign-in address with the account's name filled in, so a member
/// scans it and types only the password.</summary>
public static class SignInQr
{
    public static string Address(HttpRequest request, string username) =>
        $"{request.Scheme}://{request.Host}/Account/Login?u={Uri.EscapeDataString(username)}";

    /// <summary>A PNG data URI: the slips page is printed at once and its passwords are never stored, so the image
    /// travels in the page rather than by a second request.</summary>
    public static string DataUri(HttpRequest request, string username)
    {
        using var data = QRCodeGenerator.GenerateQrCode(Address(request, username), QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
    }
}
