using System.Net.Sockets;
using System.Text;

namespace Yihao.Bench;

/// <summary>
/// A lean HTTP/1.1 client for load: one keep-alive connection, one request in flight, requests written as bytes and responses
/// read only as far as the status and the end of the body. HttpClient spends several times the server's own cost per request,
/// and here it shares the server's two cores; this leaves them to the server.
/// </summary>
sealed class RawHttp : IDisposable
{
    readonly Socket socket;
    readonly string host;
    byte[] buffer = new byte[16 * 1024];

    RawHttp(Socket socket, string host) => (this.socket, this.host) = (socket, host);

    public static async Task<RawHttp> ConnectAsync(Uri address)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(address.Host, address.Port);
        return new RawHttp(socket, address.Authority);
    }

    /// <summary>Sends one POST with a JSON body and returns the response's status code once the whole response has arrived.</summary>
    public async Task<int> PostAsync(string path, string? bearer, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = $"POST {path} HTTP/1.1\r\nHost: {host}\r\n" + (bearer is null ? "" : $"Authorization: Bearer {bearer}\r\n") +
                   $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n";
        var request = new byte[Encoding.ASCII.GetByteCount(head) + body.Length];
        var n = Encoding.ASCII.GetBytes(head, request);
        body.CopyTo(request, n);
        await socket.SendAsync(request);
        return await ReadResponseAsync();
    }

    async Task<int> ReadResponseAsync()
    {
        var filled = 0;
        int headerEnd;
        while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0) filled = await FillAsync(filled);
        var status = int.Parse(Encoding.ASCII.GetString(buffer, 9, 3));
        var headers = Encoding.ASCII.GetString(buffer, 0, headerEnd);
        var bodyStart = headerEnd + 4;
        if (headers.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            // One response at a time on this connection, so the last chunk ends the buffer.
            while (!buffer.AsSpan(bodyStart, filled - bodyStart).EndsWith("0\r\n\r\n"u8)) filled = await FillAsync(filled);
            return status;
        }
        var at = headers.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
        var length = at < 0 ? 0 : int.Parse(headers.AsSpan(at + 15, (headers.IndexOf('\r', at) is var end && end > 0 ? end : headers.Length) - at - 15).Trim());
        while (filled - bodyStart < length) filled = await FillAsync(filled);
        return status;
    }

    async Task<int> FillAsync(int filled)
    {
        if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        var read = await socket.ReceiveAsync(buffer.AsMemory(filled));
        if (read == 0) throw new IOException("The server closed the connection.");
        return filled + read;
    }

    public void Dispose() => socket.Dispose();
}
