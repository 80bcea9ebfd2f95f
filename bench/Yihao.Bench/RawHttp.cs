using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace Yihao.Bench;

/// <summary>
/// A lean HTTP/1.1 client for load: one keep-alive connection, one request in flight, requests written as bytes and responses
/// read only as far as the status and the end of the body. HttpClient spends several times the server's own cost per request,
/// and here it shares the server's two cores; this leaves them to the server. A request's unchanging part is encoded once
/// (<see cref="Head"/>), as a phone's app keeps its own, and a response is read into one buffer without a string made of it.
/// </summary>
sealed class RawHttp : IDisposable
{
    readonly Socket socket;
    readonly byte[] host;
    byte[] sent = new byte[4 * 1024];
    byte[] received = new byte[16 * 1024];

    RawHttp(Socket socket, string host) => (this.socket, this.host) = (socket, Encoding.ASCII.GetBytes($"Host: {host}\r\nContent-Length: "));

    public static async Task<RawHttp> ConnectAsync(Uri address)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(address.Host, address.Port);
        return new RawHttp(socket, address.Authority);
    }

    /// <summary>A POST's request line and its headers but the host and the length, for <see cref="PostAsync"/>.</summary>
    public static byte[] Head(string path, string? bearer) =>
        Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\n" + (bearer is null ? "" : $"Authorization: Bearer {bearer}\r\n") + "Content-Type: application/json\r\n");

    /// <summary>Sends one POST with a JSON body and returns the response's status code once the whole response has arrived.</summary>
    public async Task<int> PostAsync(byte[] head, byte[] json)
    {
        var length = head.Length + host.Length + 16 + json.Length;
        if (sent.Length < length) sent = new byte[length * 2];
        var at = Append(0, head);
        at = Append(at, host);
        Utf8Formatter.TryFormat(json.Length, sent.AsSpan(at), out var digits);
        at = Append(at + digits, "\r\n\r\n"u8);
        at = Append(at, json);
        await socket.SendAsync(sent.AsMemory(0, at), SocketFlags.None);
        return await ReadResponseAsync();
    }

    int Append(int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(sent.AsSpan(at));
        return at + bytes.Length;
    }

    /// <summary>
    /// Reads until the headers have come and then the body: as long as its Content-Length says, or to the last chunk (one
    /// response at a time on this connection, so the last chunk ends what was received).
    /// </summary>
    async Task<int> ReadResponseAsync()
    {
        var (filled, status, end, chunked) = (0, 0, -1, false);
        while (true)
        {
            if (filled == received.Length) Array.Resize(ref received, received.Length * 2);
            var read = await socket.ReceiveAsync(received.AsMemory(filled), SocketFlags.None);
            if (read == 0) throw new IOException("The server closed the connection.");
            filled += read;
            if (end < 0 && received.AsSpan(0, filled).IndexOf("\r\n\r\n"u8) is var headers and >= 0)
            {
                var head = received.AsSpan(0, headers);
                if (!Utf8Parser.TryParse(head[9..12], out status, out _)) throw new IOException("The response has no status.");
                chunked = head.IndexOf("\r\nTransfer-Encoding: chunked"u8) >= 0;
                end = headers + 4;
                if (!chunked && head.IndexOf("\r\nContent-Length: "u8) is var at and >= 0)
                    end += Utf8Parser.TryParse(head[(at + 18)..], out int length, out _) ? length : throw new IOException("The response's length is not a number.");
            }
            if (end >= 0 && (chunked ? received.AsSpan(end, filled - end).EndsWith("0\r\n\r\n"u8) : filled >= end)) return status;
        }
    }

    public void Dispose() => socket.Dispose();
}
