using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.CallOuts;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Demo;

/// <summary>What the demo's call-outs came to: the hailstorm's volunteers and hours, the call-outs in all.</summary>
public sealed record CallOutTotals(int CallOuts, int HailstormVolunteers, decimal HailstormHours, int Entries);

/// <summary>
/// The demo's volunteer call-outs (志愿者召集): the source's hailstorm — the largest rural town calls its members the
/// morning after a June hailstorm to help the farmers bring in the wheat and clear the damage, 200+ come — and a few
/// smaller ones by towns and branches over the year, with one still open this week (in m0001's town, so that 我的
/// shows it). Everyone who came is a confirmed volunteering entry of the service ledger made by
/// <see cref="CallOutsDesk.Entry"/>, as the organizer's record of attendance makes it. Its own seeded random numbers.
/// </summary>
public static class DemoCallOuts
{
    public const string Hailstorm = "冰雹灾后帮助群众抢收小麦、清理受损大棚和村道";

    sealed record Call(int OrgId, string Path, (int Id, string Name) By, string What, string Place, DateTime StartsAt,
        int Needed, int SignUps, double Comes);

    public static async Task<CallOutTotals> SeedAsync(YihaoDb db, int districtId, DateOnly today, DateTime now,
        CancellationToken ct)
    {
        var rng = new Random(20260608);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var orgs = await db.Orgs.AsNoTracking().Where(o => o.DistrictId == districtId)
            .Select(o => new { o.Id, o.Name, o.Path, o.Kind }).ToListAsync(ct);
        var members = await db.Members.AsNoTracking().Where(m => m.DistrictId == districtId)
            .Select(m => new { m.Id, m.OrgId, m.JoinedOn }).ToListAsync(ct);
        var paths = orgs.ToDictionary(o => o.Id, o => o.Path);
        var callers = await db.Users.AsNoTracking().Where(u => u.DistrictId == districtId
                && (u.Role == Roles.TownAdmin || u.Role == Roles.BranchSecretary))
            .OrderBy(u => u.Id).Select(u => new { u.OrgId, u.Id, u.UserName }).ToListAsync(ct);
        var caller = callers.GroupBy(u => u.OrgId).ToDictionary(g => g.Key, g => (g.First().Id, g.First().UserName!));
        DateTime At(DateOnly day, int hour) => DistrictTime.Utc(day.ToDateTime(new TimeOnly(hour, 0)));
        int Under(string path) => members.Count(m => paths[m.OrgId].StartsWith(path, StringComparison.Ordinal));

        // The hailstorm: the last June 7th of the demo's year; the call goes out that evening for the next morning.
        var hail = new DateOnly(today.Year, 6, 7);
        if (hail.AddDays(3) > today) hail = hail.AddYears(-1);
        if (hail < first) hail = first.AddDays(6);
        var towns = orgs.Where(o => o.Kind == OrgKind.Town).ToList();
        var town = towns.Where(o => o.Name.EndsWith("镇党委", StringComparison.Ordinal))
            .OrderByDescending(o => Under(o.Path)).ThenBy(o => o.Id).First();
        var branches = orgs.Where(o => o.Kind == OrgKind.Branch).OrderBy(o => o.Id).ToList();
        var home = towns.First(t => branches[0].Path.StartsWith(t.Path, StringComparison.Ordinal));
        var calls = new List<Call>
        {
            new(town.Id, town.Path, caller[town.Id], Hailstorm, town.Name[..^3] + "镇各受灾村村委会集合",
                At(hail.AddDays(1), 7), 200, 248, 0.95),
        };
        string[] smaller = ["暴雨后疏通村道排水沟", "秋收时节帮助留守老人收玉米", "清扫积雪，保障学生上学路", "森林防火巡查值守"];
        for (var i = 0; i < 6; i++)
        {
            var b = branches[rng.Next(branches.Count)];
            var day = first.AddDays(rng.Next(Math.Max(1, today.DayNumber - 7 - first.DayNumber)));
            calls.Add(new(b.Id, b.Path, caller[b.Id], smaller[i % smaller.Length],
                b.Name.Replace("党支部", "") + "党员活动室门前",
                At(day, 8), rng.Next(8, 16), rng.Next(8, 18), 0.9));
        }
        var t = towns.First(o => o.Id != town.Id && o.Id != home.Id
            && o.Name.EndsWith("镇党委", StringComparison.Ordinal));
        calls.Add(new(t.Id, t.Path, caller[t.Id], smaller[3], t.Name[..^3] + "镇林区管护站",
            At(first.AddMonths(3).AddDays(12), 8), 40, 46, 0.9));
        // Still open: in m0001's town, two days from now; members have begun to sign up.
        calls.Add(new(home.Id, home.Path, caller[home.Id], "寒潮来临前帮助独居老人加固门窗、备足取暖物资",
            home.Name[..^3] + "党群服务中心", At(today.AddDays(2), 9), 60, 23, 0));

        await BulkCopy.InsertAsync(db, "call_outs",
            ["district_id", "org_id", "what", "place", "starts_at", "needed", "state", "created_by_user_id",
                "created_by", "created_at"],
            calls.Select(c => new object?[] { districtId, c.OrgId, c.What, c.Place, c.StartsAt, c.Needed,
                (c.StartsAt < now ? CallOutState.Closed : CallOutState.Open).ToString(), c.By.Id, c.By.Name,
                c.StartsAt < now ? c.StartsAt.AddHours(-12) : now.AddHours(-20) }), ct);
        var callOuts = await db.CallOuts.AsNoTracking().Where(c => c.DistrictId == districtId)
            .OrderBy(c => c.Id).ToListAsync(ct);

        var signUps = new List<(CallOut CallOut, int Member, DateTime At, decimal? Hours)>();
        var entries = new List<ServiceEntry>();
        foreach (var (c, call) in callOuts.Zip(calls))
        {
            var pool = members.Where(m => m.JoinedOn < DateOnly.FromDateTime(c.StartsAt)
                && paths[m.OrgId].StartsWith(call.Path, StringComparison.Ordinal)).ToList();
            var doneOn = DateOnly.FromDateTime(DistrictTime.Local(c.StartsAt));
            foreach (var m in pool.OrderBy(_ => rng.Next()).Take(call.SignUps).OrderBy(m => m.Id))
            {
                var at = c.CreatedAt.AddMinutes(rng.Next(5, 600));
                decimal? hours = rng.NextDouble() < call.Comes ? rng.Next(6, 17) / 2m : null;
                signUps.Add((c, m.Id, at, hours));
                if (hours is { } h)
                    entries.Add(CallOutsDesk.Entry(call.By, c, m.Id, m.OrgId, h, doneOn, c.StartsAt.AddHours(10)));
            }
        }
        await BulkCopy.InsertAsync(db, "service_entries",
            ["district_id", "org_id", "kind", "state", "what", "place", "done_on", "hours", "request_key",
                "recorded_by_user_id", "recorded_by", "recorded_at", "confirmed_by", "confirmed_at"],
            entries.Select(e => new object?[] { e.DistrictId, e.OrgId, e.Kind.ToString(), e.State.ToString(), e.What,
                e.Place, e.DoneOn, e.Hours, e.RequestKey, e.RecordedByUserId, e.RecordedBy, e.RecordedAt,
                e.ConfirmedBy, e.ConfirmedAt }), ct);
        var keys = entries.Select(e => e.RequestKey).ToHashSet();
        var ids = (await db.ServiceEntries.AsNoTracking()
                .Where(e => e.DistrictId == districtId && e.RequestKey != null && e.RequestKey.StartsWith("callout:"))
                .Select(e => new { e.Id, e.RequestKey }).ToListAsync(ct))
            .Where(e => keys.Contains(e.RequestKey)).ToDictionary(e => e.RequestKey!, e => e.Id);
        await BulkCopy.InsertAsync(db, "service_entry_members", ["district_id", "entry_id", "member_id"],
            entries.Select(e => new object?[] { districtId, ids[e.RequestKey!], e.Members[0].MemberId }), ct);
        await BulkCopy.InsertAsync(db, "call_out_sign_ups",
            ["district_id", "call_out_id", "member_id", "signed_up_at", "came", "hours", "service_entry_id",
                "recorded_by", "recorded_at"],
            signUps.Select(s =>
            {
                var held = s.CallOut.StartsAt < now;
                return new object?[] { districtId, s.CallOut.Id, s.Member, s.At, s.Hours is not null, s.Hours,
                    s.Hours is null ? null : ids[$"callout:{s.CallOut.Id}:{s.Member}"],
                    held ? s.CallOut.CreatedBy : null, held ? s.CallOut.StartsAt.AddHours(10) : null };
            }), ct);

        // The open call-out's notice, as calling it tells every member of its subtree.
        var open = callOuts.Last();
        var notice = CallOutsDesk.Notice(home.Name, open);
        await BulkCopy.InsertAsync(db, "notifications", ["district_id", "member_id", "title", "body", "created_at"],
            members.Where(m => paths[m.OrgId].StartsWith(home.Path, StringComparison.Ordinal))
                .Select(m => new object?[] { districtId, m.Id, "志愿者召集", notice, open.CreatedAt }), ct);

        var hailstorm = signUps.Where(s => s.CallOut.Id == callOuts[0].Id && s.Hours is not null).ToList();
        return new CallOutTotals(callOuts.Count, hailstorm.Count, hailstorm.Sum(s => s.Hours!.Value), entries.Count);
    }
}
