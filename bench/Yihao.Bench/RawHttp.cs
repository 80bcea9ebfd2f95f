using System.Buffers.Text;
using System.Net.Sockets;
using System.Text;

namespace Yihao.Bench;

/// <summary>
/// A lean HTTP/1.1 client for load: one keep-alive connection, one request in flight, requests written as bytes and
/// responses read only as far as the status and the end of the body. HttpClient spends several times the server's own
/// cost per request, and here it shares the server's two cores; this leaves them to the server. A request's unchanging
/// part is encoded once (<see cref="Head"/>), as a phone's app keeps its own, and a response is read into one buffer
/// without a string made of it. The socket is a plain blocking one, driven by the load's one thread (<see
/// cref="CheckInBench"/>'s Drive): it reads only what poll says has come.
/// </summary>
sealed class RawHttp : IDisposable
{
    readonly byte[] host;
    byte[] sent = new byte[4 * 1024];
    byte[] received = new byte[16 * 1024];
    int filled, status, end = -1;
    bool chunked;

    public Socket Socket { get; }

    RawHttp(Socket socket, string host) => (Socket, this.host) =
        (socket, Encoding.ASCII.GetBytes($"Host: {host}\r\nContent-Length: "));

    public static RawHttp Connect(Uri address)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(address.Host, address.Port);
        return new RawHttp(socket, address.Authority);
    }

    /// <summary>A POST's request line and its headers but the host and the length, for <see cref="Send"/>.</summary>
    public static byte[] Head(string path, string? bearer, string? device = null) =>
        Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\n" + (bearer is null ? "" : $"Authorization: Bearer {bearer}\r\n")
            + (device is null ? "" : $"Yihao-Device: {device}\r\n")
            + "Content-Type: application/json\r\n");

    /// <summary>Sends one POST with a JSON body; its response is read by <see cref="Receive"/>.</summary>
    public void Send(byte[] head, byte[] json)
    {
        var length = head.Length + host.Length + 16 + json.Length;
        if (sent.Length < length) sent = new byte[length * 2];
        var at = Append(0, head);
        at = Append(at, host);
        Utf8Formatter.TryFormat(json.Length, sent.AsSpan(at), out var digits);
        at = Append(at + digits, "\r\n\r\n"u8);
        at = Append(at, json);
        for (var done = 0; done < at;) done += Socket.Send(sent, done, at - done, SocketFlags.None);
        (filled, status, end, chunked) = (0, 0, -1, false);
    }

    int Append(int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(sent.AsSpan(at));
        return at + bytes.Length;
    }

    /// <summary>
    /// Reads what has come (call it once poll says the socket is readable); the response's status once the whole
    /// response is in: as long as its Content-Length says, or to the last chunk (one response at a time on this
    /// connection, so the last chunk ends what was received). Null while more is to come.
    /// </summary>
    public int? Receive()
    {
        if (filled == received.Length) Array.Resize(ref received, received.Length * 2);
        var read = Socket.Receive(received, filled, received.Length - filled, SocketFlags.None);
        if (read == 0) throw new IOException("The server closed the connection.");
        filled += read;
        if (end < 0 && received.AsSpan(0, filled).IndexOf("\r\n\r\n"u8) is var headers and >= 0)
        {
            var head = received.AsSpan(0, headers);
            if (!Utf8Parser.TryParse(head[9..12], out status, out _)) throw new IOException(
                "The response has no status.");
            chunked = head.IndexOf("\r\nTransfer-Encoding: chunked"u8) >= 0;
            end = headers + 4;
            if (!chunked && head.IndexOf("\r\nContent-Length: "u8) is var at and >= 0)
                end += Utf8Parser.TryParse(head[(at + 18)..], out int length, out _) ? length
                    : throw new IOException("The response's length is not a number.");
        }
        return end >= 0 && (chunked ? received.AsSpan(end, filled - end).EndsWith("0\r\n\r\n"u8) : filled >= end)
            ? status : null;
    }

    public void Dispose() => Socket.Dispose();
}
