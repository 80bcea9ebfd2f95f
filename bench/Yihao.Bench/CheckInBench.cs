using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Yihao.Web.Features.ActivityDays;

namespace Yihao.Bench;

/// <summary>
/// A check-in burst through the real HTTP endpoint (bearer token, rotating code, database, audit), on real Kestrel over
/// loopback, printed next to the same server's figure for an empty POST: the ratio says how close check-in runs to what
/// HTTP alone allows. Bounded: a fixed number of members, each checking in once, and at most 60 s per phase.
/// </summary>
static class CheckInBench
{
    /// <summary>
    /// Branches counted: the demo district's 1,028, each of its average size (30,773 members in 1,028 branches), so a
    /// branch's first scan loads its meeting's facts as often as on the 1st. YIHAO_BENCH_BRANCHES and
    /// YIHAO_BENCH_MEMBERS change the shape.
    /// </summary>
    static readonly int Branches = Setting("YIHAO_BENCH_BRANCHES", 1028);
    static readonly int MembersPerBranch = Setting("YIHAO_BENCH_MEMBERS", 30);
    /// <summary>Branches whose burst comes first and is not counted: the server's code is compiled and tuned by then,
    /// as on the 1st.</summary>
    static readonly int WarmBranches = Math.Max(1, 5000 / MembersPerBranch);

    /// <summary>Months of history before the morning (<see cref="HistoryAsync"/>); YIHAO_BENCH_MONTHS=0 measures empty
    /// tables.</summary>
    static readonly int HistoryMonths =
        int.TryParse(Environment.GetEnvironmentVariable("YIHAO_BENCH_MONTHS"), out var months) && months >= 0 ? months
        : 12;

    static int Setting(string name, int otherwise) => int.TryParse(Environment.GetEnvironmentVariable(name), out var n)
        && n > 0 ? n : otherwise;
    /// <summary>
    /// Phones waiting on an answer at any moment (YIHAO_BENCH_CLIENTS): each sends its next scan once answered. A
    /// district's 30,000 members scanning within minutes keep more than this in flight; with 64 the server sat a tenth
    /// idle while every phone waited on the writer's round trip (64 waiting ~8 ms each cap the rate near 8,000/s), and
    /// with 128 answers took longer for no more (both measured with the earlier async load generator).
    /// </summary>
    static readonly int Workers = Setting("YIHAO_BENCH_CLIENTS", 96);
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(string provider)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider, "checkin", b => b.MaxPoolSize = 100);
        if (scratch is null) return;
        var (postgres, connection, folder) = (scratch.Postgres, scratch.Connection, scratch.Folder);
        // The factory looks for the web project beside the solution; ours sits under src/.
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Yihao.slnx"))) root = Path.GetDirectoryName(root)!;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_YIHAO_WEB",
            Path.Combine(root, "src", "Yihao.Web"));
        await using var minimal = new MinimalInsert(postgres, connection);
        await using var app = new App(postgres ? "Postgres" : "Sqlite", connection, folder, minimal);
        app.UseKestrel(0);
        app.StartServer();
        var address =
            new Uri(app.Services.GetRequiredService<IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var (all, setup) = await PrepareAsync(app.Services);
        var warm = all.Take(WarmBranches * (MembersPerBranch + 1)).ToList();
        var requests = all.Skip(warm.Count).OrderBy(_ => Random.Shared.Next()).ToList();
        // The setup's garbage (a year of days built as entities) is not the morning's: a server that has run for
        // days has none.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        Console.WriteLine(
            $"provider           {(postgres ? "PostgreSQL" : "SQLite")}  ({Branches} branches × " +
                $"{MembersPerBranch} members and a liaison leader, {Workers} concurrent clients, after a warm-up " +
                $"burst of {WarmBranches} other branches, {HistoryMonths} months of history; setup " +
                $"{setup.TotalSeconds:F1} s)");

        await LoadAsync(address, warm);
        await LoadAsync(address, warm);
        var empty =
            await LoadAsync(address,
            Enumerable.Range(0, 20_000)
                .Select(_ => new Request(RawHttp.Head("/bench/empty", null), () => EmptyJson)).ToList());
        var inserts =
            await LoadAsync(address,
            Enumerable.Range(0, requests.Count)
                .Select(_ => new Request(RawHttp.Head(MinimalInsert.Path, null), () => EmptyJson)).ToList());
        // The server reads the facts of the days whose windows are open or about to open every half minute
        // (MeetingFacts.WarmOnceAsync), so by the morning's first scans they are held; this is one such turn, not
        // left to chance.
        var warming = Stopwatch.StartNew();
        var warmed = await app.Services.GetRequiredService<MeetingFacts>().WarmOnceAsync(CancellationToken.None);
        var warmedIn = warming.Elapsed;
        var writer = app.Services.GetRequiredService<CheckInWriter>();
        var taken = writer.Taken;
        var checkIns = await LoadAsync(address, requests);
        var (batches, scans) = (writer.Taken.Batches - taken.Batches, writer.Taken.Scans - taken.Scans);
        var again = await LoadAsync(address, requests.Take(2000).ToList());
        var (rows, liaisonsIn) = await app.CountAsync();
        Print("empty POST", empty);
        Print("minimal insert", inserts);
        Print("check-in", checkIns);
        Console.WriteLine(
            $"group commit       {batches:N0} batches, {scans / (double)Math.Max(1, batches),4:F1} scans each on " +
                $"average");
        Console.WriteLine(
            $"meetings' facts    {warmed:N0} days' read before the burst in {warmedIn.TotalMilliseconds:F0} ms, " +
                $"as every half minute");
        Print("repeat scans", again);
        Console.WriteLine(
            $"ratio              {checkIns.PerSecond / empty.PerSecond,8:P1} of the empty endpoint's rate; p99 " +
                $"{checkIns.P99 / Math.Max(empty.P99, 0.001),5:F1}× its p99");
        Console.WriteLine(
            $"                   {checkIns.PerSecond / inserts.PerSecond,8:P1} of the minimal insert's rate; p99 " +
                $"{checkIns.P99 / Math.Max(inserts.P99, 0.001),5:F1}× its p99");
        Console.WriteLine(
            $"stored             {rows - WarmBranches * MembersPerBranch:N0} attendance rows for " +
                $"{Branches * MembersPerBranch:N0} members and {liaisonsIn - WarmBranches:N0} liaison leaders' " +
                $"check-ins for {Branches:N0} (each acknowledged check-in committed once; repeats add none)");
        var upFront = Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0";
        Console.WriteLine("compiled           " + (upFront
            ? "fully optimized up front, as a server that has run for days (see Program.cs)"
            : "tiered (measures the compiler too)"));
        Console.WriteLine($"targets            ≥ 10,000/s with p99 < 20 ms on PostgreSQL, ≥ 6,000/s on SQLite");
    }

    /// <summary>A request as its client sends it: the encoded request line and headers, and the body when it is
    /// sent.</summary>
    sealed record Request(byte[] Head, Func<byte[]> Body);

    static readonly byte[] EmptyJson = "{}"u8.ToArray();

    sealed record Result(int Count, int Errors, double Seconds, double P50, double P99, double CpuMicros,
        double MachineMicros, string Collections)
    {
        /// <summary>Answers that succeeded, a second: a quick error answer is not a check-in.</summary>
        public double PerSecond => (Count - Errors) / Seconds;
    }

    static void Print(string name, Result r) =>
        Console.WriteLine(
            $"{name,-18} {r.PerSecond,8:N0}/s   p50 {r.P50,6:F2} ms   p99 {r.P99,6:F2} ms   {r.CpuMicros,5:F0} µs " +
                $"CPU each in the server and client, {r.MachineMicros,5:F0} µs machine-wide   {r.Count:N0} requests, " +
                $"{r.Errors} errors, {r.Seconds:F1} s, collections gen0/1/2 {r.Collections}");

    /// <summary>
    /// Sends the requests over <see cref="Workers"/> connections, each sending its next once answered, and measures
    /// them. The clients are one thread's loop over poll, as wrk drives its connections: a client of async sockets
    /// shared the server's thread pool, and each answer cost a wake-up of the socket engine and a work item on a pool
    /// thread, the server's cores spent on the load generator. A group commit answers its batch (~46 scans) at once,
    /// and one poll then reads them all.
    /// </summary>
    static async Task<Result> LoadAsync(Uri address, IReadOnlyList<Request> requests)
    {
        var clients = new List<RawHttp>(Workers);
        try
        {
            while (clients.Count < Workers) clients.Add(RawHttp.Connect(address));
            var cpu = Environment.CpuUsage.TotalTime;
            var machine = MachineBusy();
            int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var collections = Collections();
            var clock = Stopwatch.StartNew();
            var (latencies, errors) =
                await Task.Factory.StartNew(() => Drive(clients, requests, clock), TaskCreationOptions.LongRunning);
            var seconds = clock.Elapsed.TotalSeconds;
            var sorted = latencies.Order().ToArray();
            var cpuMicros = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / sorted.Length;
            var machineMicros = (MachineBusy() - machine).TotalMicroseconds / sorted.Length;
            var collected = string.Join('/', Collections().Zip(collections, (after, before) => after - before));
            return new Result(sorted.Length, errors, seconds, sorted[sorted.Length / 2],
                sorted[(int)(sorted.Length * 0.99)], cpuMicros, machineMicros, collected);
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    /// <summary>The load's loop: every client sends, then each answered one sends its next, until the requests or the
    /// time run out.</summary>
    static (List<double> Latencies, int Errors) Drive(List<RawHttp> clients, IReadOnlyList<Request> requests,
        Stopwatch clock)
    {
        var (next, errors, waiting) = (0, 0, 0);
        var latencies = new List<double>(requests.Count);
        var started = new long[clients.Count];
        var busy = new bool[clients.Count];
        var index = clients.Select((c, i) => (c.Socket, i)).ToDictionary(x => x.Socket, x => x.i);
        bool SendNext(int i)
        {
            if (next >= requests.Count || clock.Elapsed >= Limit) return false;
            var r = requests[next++];
            started[i] = Stopwatch.GetTimestamp();
            clients[i].Send(r.Head, r.Body());
            return true;
        }
        for (var i = 0; i < clients.Count; i++)
            if (busy[i] = SendNext(i)) waiting++;
        var ready = new List<Socket>(clients.Count);
        while (waiting > 0)
        {
            ready.Clear();
            for (var i = 0; i < clients.Count; i++)
                if (busy[i]) ready.Add(clients[i].Socket);
            Socket.Select(ready, null, null, (int)NoAnswerWithin.TotalMicroseconds);
            if (ready.Count == 0) throw new TimeoutException(
                $"No answer on any connection in {NoAnswerWithin.TotalSeconds} s.");
            foreach (var socket in ready)
            {
                var i = index[socket];
                if (clients[i].Receive() is not { } status) continue;
                latencies.Add(Stopwatch.GetElapsedTime(started[i]).TotalMilliseconds);
                if (status >= 300) errors++;
                if (!(busy[i] = SendNext(i))) waiting--;
            }
        }
        return (latencies, errors);
    }

    /// <summary>How long the loop waits with no answer on any connection before it gives up: a stuck server, not one
    /// slow request.</summary>
    static readonly TimeSpan NoAnswerWithin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The CPU time every process on the machine has used (Linux: /proc/stat's busy fields), so the database server's
    /// share is counted too; zero elsewhere.
    /// </summary>
    static TimeSpan MachineBusy()
    {
        if (!File.Exists("/proc/stat")) return TimeSpan.Zero;
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal: busy is user, nice, system, irq and softirq (steal is another
        // guest's).
        var busy =
            new[] { 1, 2, 3, 6, 7 }.Sum(i => long.Parse(cpu[i], System.Globalization.CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(busy / 100.0); // in clock ticks of 1/100 s (USER_HZ)
    }

    /// <summary>Branches, members, member accounts with tokens minted in-process (no password hashing), and today's
    /// approved days.</summary>
    static async Task<(List<Request> Requests, TimeSpan Setup)> PrepareAsync(IServiceProvider services)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
        var policy = services.GetRequiredService<IOptions<ActivityPolicy>>().Value;
        var district = db.Orgs.First(o => o.ParentId == null);
        var now = DateTime.UtcNow;
        db.SuppressAudit = true;
        var town =
            new Org
            {
                DistrictId = district.Id,
                ParentId = district.Id,
                Name = "压测镇",
                Kind = OrgKind.Town,
                Depth = 1,
                CreatedAt = now
            };
        db.Orgs.Add(town);
        await db.SaveChangesAsync();
        town.Path = $"{district.Path}{town.Id}/";
        var branches = Enumerable.Range(0, WarmBranches + Branches)
            .Select(i =>
            new Org
            {
                DistrictId = district.Id,
                ParentId = town.Id,
                Name = $"压测支部{i}",
                Kind = OrgKind.Branch,
                Depth = 2,
                CreatedAt = now
            }).ToList();
        db.Orgs.AddRange(branches);
        await db.SaveChangesAsync();
        foreach (var b in branches) b.Path = $"{town.Path}{b.Id}/";
        var members = new List<Member>();
        var seq = 0;
        foreach (var b in branches)
            for (var k = 0; k < MembersPerBranch; k++, seq++)
            {
                var first17 = $"610502{new DateOnly(1950, 1, 1).AddDays(seq / 900):yyyyMMdd}{seq % 900:000}";
                members.Add(
                    new Member
                    {
                        DistrictId = district.Id,
                        OrgId = b.Id,
                        Name = $"党员{seq}",
                        IdNumber = first17 + NationalId.CheckDigit(first17),
                        Kind = MemberKind.Full,
                        JoinedOn = new DateOnly(2000, 7, 1),
                        BirthDate = new DateOnly(1950, 1, 1),
                        CreatedAt = now,
                        UpdatedAt = now
                    });
            }
        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        db.Transfers.AddRange(members.Select(m => Transfer.Joining(m, null, now)));
        var days = branches.Select(b => new ActivityDay
        {
            DistrictId = district.Id,
            OrgId = b.Id,
            Month = new DateOnly(now.Year, now.Month, 1),
            StartsAt = now.AddMinutes(10),
            EndsAt = now.AddHours(2),
            Place = "会议室",
            State = ActivityState.Approved,
            CodeKey = ActivityDay.NewCodeKey(),
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.ActivityDays.AddRange(days);
        var users =
            members.Select(m =>
            new User
            {
                UserName = $"bench{m.Id}",
                NormalizedUserName = $"BENCH{m.Id}",
                Role = Roles.Member,
                OrgId = m.OrgId,
                DistrictId = m.DistrictId,
                MemberId = m.Id,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now
            }).ToList();
        db.Users.AddRange(users);
        var liaisons =
            branches.Select(b =>
            new User
            {
                UserName = $"liaison{b.Id}",
                NormalizedUserName = $"LIAISON{b.Id}",
                Role = Roles.LiaisonLeader,
                OrgId = b.Id,
                DistrictId = b.DistrictId,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                CreatedAt = now
            }).ToList();
        db.Users.AddRange(liaisons);
        await db.SaveChangesAsync();
        db.LiaisonAssignments.AddRange(
            liaisons.Select(u =>
            new LiaisonAssignment
            {
                DistrictId = u.DistrictId,
                UserId = u.Id,
                OrgId = u.OrgId,
                AssignedBy = "bench",
                AssignedAt = now
            }));
        await db.SaveChangesAsync();
        await HistoryAsync(db, days);
        // The district's members were there for months before the 1st: the database has its statistics, as autovacuum
        // gives a table after inserts and the app gives SQLite at start-up and hourly. Without them the first scan of
        // each branch found its expected members by scanning every transfer.
        if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        else await DatabaseSetup.OptimizeAsync(db);

        var tokens = services.GetRequiredService<ApiTokens>();
        var dayOf = days.ToDictionary(d => d.OrgId);
        // The day's current code when the request is sent, as a phone would scan it off the screen then: made once a
        // step for all of the branch's phones, as the screen makes it (made per request, the load generator's HMAC took
        // the server's cores).
        var shown = new System.Collections.Concurrent.ConcurrentDictionary<int, (long Step, byte[] Body)>();
        byte[] Code(ActivityDay day)
        {
            var step = CheckInCode.Step(DateTime.UtcNow, policy.CodeStepSeconds);
            if (shown.TryGetValue(day.Id, out var held) && held.Step == step) return held.Body;
            var body =
                System.Text.Encoding.UTF8.GetBytes($"{{\"code\":\"{CheckInCode.Token(day.CodeKey, day.Id, step)}\"}}");
            shown[day.Id] = (step, body);
            return body;
        }
        // Each branch's liaison leader checks in among its members: a save of the day and its six musts in the same
        // group commit.
        var liaisonOf = liaisons.ToDictionary(u => u.OrgId);
        var requests = users.GroupBy(u => u.OrgId).SelectMany(branch => branch.Select(u =>
            new Request(
                RawHttp.Head($"/api/v1/activity-days/{dayOf[u.OrgId].Id}/check-in",
                tokens.Issue(u, DateTimeOffset.UtcNow), $"bench-phone-{u.Id:D10}"), () => Code(dayOf[u.OrgId])))
            .Append(new Request(
                RawHttp.Head($"/api/v1/activity-days/{dayOf[branch.Key].Id}/liaison-check-in",
                tokens.Issue(liaisonOf[branch.Key], DateTimeOffset.UtcNow)), () => Code(dayOf[branch.Key]))))
            .ToList();
        return (requests, clock.Elapsed);
    }

    /// <summary>
    /// The months before (a year unless YIHAO_BENCH_MONTHS says otherwise): each branch's closed day of each month and
    /// its members' attendance at it (one in ten absent without leave), as the tables hold on any 1st after the first
    /// year. The morning's rows go into indexes of that size, and a plan made on a table that held only the warm-up's
    /// rows scanned all of it.
    /// </summary>
    static async Task HistoryAsync(YihaoDb db, List<ActivityDay> today)
    {
        if (HistoryMonths == 0) return;
        db.ActivityDays.AddRange(today.SelectMany(d => Enumerable.Range(1, HistoryMonths).Select(k => new ActivityDay
        {
            DistrictId = d.DistrictId,
            OrgId = d.OrgId,
            Month = d.Month.AddMonths(-k),
            StartsAt = d.StartsAt.AddMonths(-k),
            EndsAt = d.EndsAt.AddMonths(-k),
            ClosedAt = d.EndsAt.AddMonths(-k),
            Place = d.Place,
            State = ActivityState.Closed,
            CodeKey = ActivityDay.NewCodeKey(),
            CreatedAt = d.CreatedAt.AddMonths(-k),
            UpdatedAt = d.EndsAt.AddMonths(-k),
        })));
        await db.SaveChangesAsync();
        var month = today[0].Month;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO attendances (district_id, activity_day_id, member_id, status, method, at)
            SELECT d.district_id, d.id, m.id, CASE WHEN m.id % 10 = 0 THEN 'Unexcused' ELSE 'Present' END, CASE WHEN m.id % 10 = 0 THEN 'Closing' ELSE 'QrScan' END, d.starts_at
            FROM activity_days d JOIN members m ON m.org_id = d.org_id
            WHERE d.month < {month}
            """);
    }

    sealed class App(string provider, string connection, string folder, MinimalInsert minimal)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:Yihao", connection);
            builder.UseSetting("YIHAO_ADMIN_PASSWORD", "Bench-Admin-2026");
            builder.UseSetting("DataProtection:KeysFolder", Path.Combine(folder, "keys"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // the burst comes after one turn of it, made before (not left to the timer)
            builder.UseSetting("CheckIn:WarmSeconds", "0");
            builder.UseEnvironment("Production");
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter,
                EmptyEndpoint>().AddSingleton<IStartupFilter>(minimal));
        }

        /// <summary>The morning's check-ins: today's days are the approved ones (the year before's are
        /// closed).</summary>
        public async Task<(int Attendances, int Liaisons)> CountAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<YihaoDb>();
            return (await db.Attendances.CountAsync(a =>
                db.ActivityDays.Any(d => d.Id == a.ActivityDayId && d.State == ActivityState.Approved)),
                await db.ActivityDays.CountAsync(d => d.LiaisonCheckedInAt != null));
        }
    }

    /// <summary>The baseline: a POST that the server answers before any routing, auth or database.</summary>
    sealed class EmptyEndpoint : IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(
            Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => http =>
            {
                if (http.Request.Path != "/bench/empty") return nextMiddleware(http);
                http.Response.StatusCode = 204;
                return Task.CompletedTask;
            });
            next(app);
        };
    }
}
