using Microsoft.Extensions.Configuration;
using Yihao.Web.Infrastructure;

namespace Yihao.Tests.Infrastructure;

/// <summary>The API's signed tokens: a genuine one reads back whole; anything altered, expired or signed with another
/// key is refused.</summary>
public sealed class ApiTokenTests : IDisposable
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 10, 0, TimeSpan.Zero);
    readonly string folder = Directory.CreateTempSubdirectory("yihao-token-").FullName;

    ApiTokens Tokens(string name = "key") => new(new ConfigurationBuilder().Build(), Path.Combine(folder, name));

    static TokenClaims Claims(DateTimeOffset expires) => new(42, "m0001", "member", 7, 1234, expires);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_token_reads_back_as_issued_until_it_expires()
    {
        var tokens = Tokens();
        var token = tokens.Issue(Claims(Now.AddHours(8)));
        Assert.Equal(Claims(Now.AddHours(8)), tokens.Read(token, Now));
        Assert.Null(tokens.Read(token, Now.AddHours(8)));
        var principal = ApiTokens.Principal(tokens.Read(token, Now)!);
        Assert.Equal("1234", principal.FindFirst(Scope.MemberClaim)?.Value);
        Assert.Equal("7", principal.FindFirst(Scope.OrgClaim)?.Value);
    }

    [Fact]
    public void Altered_truncated_or_foreign_tokens_are_refused()
    {
        var tokens = Tokens();
        var token = tokens.Issue(Claims(Now.AddHours(8)));
        var dot = token.IndexOf('.');
        // Another member's id in the same signature's payload.
        var forged =
            System.Buffers.Text.Base64Url.EncodeToString(
            System.Text.Encoding.UTF8.GetBytes($"y1|42|m0001|member|7|9999|{Now.AddHours(8).ToUnixTimeSeconds()}"))
                + token[dot..];
        Assert.Null(tokens.Read(forged, Now));
        Assert.Null(tokens.Read(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1], Now));
        Assert.Null(tokens.Read(token.AsSpan(0, dot), Now));
        Assert.Null(tokens.Read("", Now));
        Assert.Null(tokens.Read("not a token at all", Now));
        Assert.Null(Tokens("other-key").Read(token, Now));
        Assert.NotNull(tokens.Read(token, Now)); // a thread's HMAC follows the key it is asked with
    }

    [Fact]
    public void The_key_is_made_once_and_kept()
    {
        var token = Tokens().Issue(Claims(Now.AddHours(1)));
        Assert.NotNull(Tokens().Read(token, Now)); // a restart reads the same key file
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(Path.Combine(folder, "key")));
    }
}
