using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;

namespace Yihao.Web.Features.Demo;

/// <summary>
/// The demo's dues ledger for the year: most members pay their standard at the month's day, some a quarter ahead, a few
/// by transfer; a few in a hundred miss a month and pay it with the next, and a few in a thousand stopped paying, so that
/// their run of unpaid months raises the six-month red warning.
/// </summary>
public static class DemoDues
{
    public static async Task<int> SeedAsync(YihaoDb db, Random rng, int districtId, DateOnly first, DateOnly last,
        DateTime now, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Where(m => m.DistrictId == districtId)
            .Select(m => new { m.Id, m.OrgId, m.JoinedOn, m.MonthlyDues }).ToListAsync(ct);
        var lapsed = members.Where(_ => rng.NextDouble() < 0.004).Select(m => m.Id).ToHashSet();
        var payments = new List<(int Member, int Org, decimal Amount, DateOnly From, DateOnly To, DuesMethod Method)>();
        foreach (var m in members)
        {
            var start = DuesRules.MonthOf(m.JoinedOn) is var j && j > first ? j : first;
            var stopAt = lapsed.Contains(m.Id) ? last.AddMonths(-rng.Next(7, 10)) : last;
            var month = start;
            while (month <= stopAt)
            {
                var roll = rng.NextDouble();
                // a quarter ahead, or a missed month paid with the next
                var count = roll < 0.15 ? 3 : roll < 0.18 ? 2 : 1;
                var to = month.AddMonths(count - 1) is var t && t > stopAt ? stopAt : t;
                if (roll > 0.97) { month = month.AddMonths(1); continue; } // a month never paid
                var method = rng.NextDouble() < 0.9 ? DuesMethod.AtMeeting : DuesMethod.Transfer;
                payments.Add((m.Id, m.OrgId, m.MonthlyDues * DuesRules.Count(month, to), month, to, method));
                month = to.AddMonths(1);
            }
        }
        var rows = payments.Select((p, i) => new object?[]
        {
            districtId, p.Member, p.Org, p.Amount, p.From, p.To, p.Method.ToString(), $"DEMO-{i + 1:D7}",
            p.From.AddDays(rng.Next(0, 5)), "demo", now,
        });
        await BulkCopy.InsertAsync(db, "dues_payments",
            ["district_id", "member_id", "org_id", "amount", "from_month", "to_month", "method", "receipt_no",
                "paid_on", "recorded_by", "recorded_at"], rows, ct);
        var ids = await db.DuesPayments.AsNoTracking().Where(p => p.DistrictId == districtId)
            .Select(p => new { p.Id, p.MemberId, p.FromMonth, p.ToMonth }).ToListAsync(ct);
        var months =
            ids.SelectMany(p => DuesRules.Months(p.FromMonth, p.ToMonth)
            .Select(m => new object?[] { districtId, p.MemberId, m, p.Id }));
        await BulkCopy.InsertAsync(db, "dues_months", ["district_id", "member_id", "month", "payment_id"], months, ct);
        return ids.Count;
    }
}
