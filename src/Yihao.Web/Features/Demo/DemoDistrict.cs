using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Demo;

public sealed record DemoCounts(int Towns, int Branches, int Members, int Accounts, HistoryCounts History);

/// <summary>
/// The demo district at the source's scale: Linwei's 20 towns and subdistricts, 1,028 branches (five temporary),
/// 30,000+ members with plausible names, valid ID numbers and phones, about 5% mobile and 4% elderly; one secretary per
/// branch, one admin per town. Seeded, so it is the same every time.
/// </summary>
public static class DemoDistrict
{
    public const string DistrictName = "中共渭南市临渭区委员会";
    public const int BranchTotal = 1028;
    public const int Seed = 20170226;
    const string RegionCode = "610502";

    static readonly string[] Subdistricts = ["人民", "杜桥", "解放", "向阳", "站南", "双王"];
    static readonly string[] Towns =
        ["龙背", "孝义", "下邽", "官底", "官道", "丰原", "阳郭", "故市", "辛市", "崇凝", "阎村", "三张", "交斜", "桥南"];
    static readonly string[] PlacePrefix =
        ["东", "西", "南", "北", "前", "后", "上", "下", "新", "老", "大", "小", "王", "李", "张", "刘", "陈", "杨", "赵", "孙", "高", "马",
        "韩", "田", "白", "吕", "雷", "郭", "梁", "宋", "何", "姚", "段", "冯", "程", "贺"];
    static readonly string[] PlaceSuffix =
        ["家", "庄", "堡", "寨", "坡", "河", "沟", "湾", "营", "坊", "店", "塬", "桥", "井", "峪", "滩", "原", "村", "屯", "院"];
    static readonly string[] Units = ["中学", "小学", "卫生院", "农技站", "供电所", "派出所", "市场监管所", "财政所", "敬老院", "农村信用社"];
    static readonly string[] Projects = ["城中村改造项目", "渭河生态治理", "高铁站片区征迁", "冰雹灾后重建", "产业园区建设"];
    static readonly (string Name, int Weight)[] Surnames =
        [("王", 90), ("李", 80), ("张", 75), ("刘", 60), ("陈", 40), ("杨", 45), ("赵", 35), ("黄", 15), ("周", 18), ("吴", 15),
            ("徐", 12), ("孙", 20),
         ("马", 25), ("朱", 10), ("胡", 10), ("郭", 22), ("何", 10), ("高", 20), ("林", 6), ("罗", 8), ("郑", 8), ("梁", 12),
             ("谢", 6), ("宋", 10),
         ("唐", 8), ("许", 8), ("韩", 12), ("冯", 10), ("邓", 5), ("曹", 8), ("彭", 5), ("曾", 4), ("田", 12), ("雷", 14),
             ("吕", 10), ("段", 10),
         ("姚", 8), ("贺", 9), ("薛", 9), ("党", 8), ("樊", 7), ("屈", 5), ("寇", 4), ("权", 4)];
    static readonly string[] MaleGiven =
        ["建国", "建军", "卫东", "志强", "国华", "军", "伟", "强", "磊", "刚", "勇", "涛", "明", "超", "平", "辉", "鹏", "海", "斌", "波", "文",
        "华", "宏", "俊", "永刚", "小军", "红卫", "振华", "春生", "新民", "存良", "满仓", "长安", "宝林", "延安", "浩然", "子豪", "宇航", "博文", "晨阳"];
    static readonly string[] FemaleGiven =
        ["秀兰", "桂英", "玉兰", "淑珍", "丽", "娟", "敏", "静", "燕", "艳", "芳", "霞", "红梅", "彩霞", "亚妮", "小红", "雪梅", "春花", "玉梅", "丽娟",
        "婷", "欣怡", "梦瑶", "佳琪", "思雨", "雨萱"];
    static readonly string[] MobilePlaces =
        ["西安市雁塔区", "西安市未央区", "深圳市宝安区", "东莞市长安镇", "苏州市昆山市", "北京市大兴区", "上海市松江区", "宁波市北仑区", "鄂尔多斯市东胜区", "新疆库尔勒市"];
    static readonly decimal[] Dues = [0.2m, 0.2m, 0.2m, 0.5m, 1m, 2m, 5m, 8.5m, 12m, 20m, 35.6m];

    public static async Task<DemoCounts> SeedWithProgressAsync(YihaoDb db, Org district, string passwordHash,
        TimeProvider clock, ActivityPolicy policy, CancellationToken ct)
    {
        DemoCounts counts = null!;
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Not a terminal (a service, a pipe, a container's log): a line every tenth, so a first start is not
            // silent.
            Console.WriteLine("生成演示区 / seeding the demo district …");
            return await SeedAsync(db, district, passwordHash, clock, policy, new TenthLines(), ct);
        }
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async ctx =>
        {
            var task = ctx.AddTask("生成演示区 / seeding the demo district", maxValue: 100);
            counts =
                await SeedAsync(db, district, passwordHash, clock, policy,
                new Progress<double>(p => task.Value = p * 100), ct);
            task.Value = 100;
        });
        return counts;
    }

    /// <summary>Reports as it is told (not on the thread pool, as <see cref="Progress{T}"/> does), a line a
    /// tenth.</summary>
    sealed class TenthLines : IProgress<double>
    {
        int shown;

        public void Report(double value)
        {
            var tenth = (int)(value * 10);
            if (tenth <= shown) return;
            shown = tenth;
            Console.WriteLine($"生成演示区 / seeding the demo district: {tenth * 10}%");
        }
    }

    public static async Task<DemoCounts> SeedAsync(YihaoDb db, Org district, string passwordHash, TimeProvider clock,
        ActivityPolicy policy, IProgress<double>? progress, CancellationToken ct)
    {
        var rng = new Random(Seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DistrictTime.Today(clock);
        db.SuppressAudit = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Towns, then general branches and branches: each level needs the ids of the one above for its paths.
        var towns = Subdistricts.Select(n => (Name: n + "街道党工委", Urban: true))
            .Concat(Towns.Select(n => (Name: n + "镇党委", Urban: false)))
            .Select(t => (Org: NewOrg(district, t.Name, OrgKind.Town, now), t.Urban)).ToList();
        await AddLevelAsync(db, district, towns.Select(t => t.Org).ToList(), ct);

        var plan = new List<(Org Parent, string Name, OrgKind Kind)>();
        var perTown = Spread(BranchTotal - Projects.Length, towns.Count, rng);
        var generals = new List<Org>();
        for (var i = 0; i < towns.Count; i++)
        {
            var (town, urban) = towns[i];
            var names = BranchNames(urban, perTown[i], rng);
            Org parent = town;
            if (urban)
            {
                // Subdistricts group their offices' branches under a general branch (党总支).
                parent = NewOrg(town, town.Name[..2] + "街道机关党总支", OrgKind.GeneralBranch, now);
                generals.Add(parent);
            }
            plan.AddRange(names.Select((n, k) => (k < 5 ? parent : town, n, OrgKind.Branch)));
        }
        foreach (var g in generals)
            await AddLevelAsync(db, towns.First(t => t.Org.Id == g.ParentId).Org, [g], ct);
        for (var i = 0; i < Projects.Length; i++)
            plan.Add((towns[(i * 7 + 3) % towns.Count].Org, Projects[i] + "临时党支部", OrgKind.TemporaryBranch));

        var branches = new List<Org>();
        foreach (var group in plan.GroupBy(p => p.Parent))
        {
            var level = group.Select(p => NewOrg(group.Key, p.Name, p.Kind, now)).ToList();
            foreach (var t in level.Where(o => o.Kind == OrgKind.TemporaryBranch))
            {
                t.StartsOn = today.AddMonths(-rng.Next(2, 10));
                t.EndsOn = t.StartsOn.Value.AddDays(70 + rng.Next(0, 200));
            }
            await AddLevelAsync(db, group.Key, level, ct);
            branches.AddRange(level);
        }
        progress?.Report(0.1);

        // Members, in chunks so that memory stays flat and progress moves.
        var ids = new HashSet<string>();
        var phones = new HashSet<string>();
        var sizes = branches.Select(b => b.Kind == OrgKind.TemporaryBranch ? rng.Next(8, 20) : rng.Next(10, 51))
            .ToArray();
        while (sizes.Sum() < 30_500) sizes[rng.Next(sizes.Length)]++;
        var firstMember = new Dictionary<int, Member>();
        var batch = new List<Member>();
        var total = 0;
        for (var b = 0; b < branches.Count; b++)
        {
            for (var k = 0; k < sizes[b]; k++)
            {
                var m = NewMember(branches[b], rng, today, now, ids, phones);
                batch.Add(m);
                if (k == 0) firstMember[branches[b].Id] = m;
            }
            if (batch.Count >= 4000 || b == branches.Count - 1)
            {
                db.Members.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.Transfers.AddRange(batch.Select(m => Transfer.Joining(m, "登记", now)));
                await db.SaveChangesAsync(ct);
                total += batch.Count;
                db.ChangeTracker.Clear();
                batch.Clear();
                progress?.Report(0.1 + 0.6 * b / branches.Count);
            }
        }

        // Accounts: one admin per town, one secretary per branch (its first member), an inspector and one member.
        var users = new List<User>();
        for (var i = 0; i < towns.Count; i++)
            users.Add(
                NewUser($"town{i + 1:00}", Roles.TownAdmin, towns[i].Org, null, towns[i].Org.Name + "管理员", passwordHash,
                now));
        for (var i = 0; i < branches.Count; i++)
        {
            var m = firstMember[branches[i].Id];
            users.Add(NewUser($"b{i + 1:0000}", Roles.BranchSecretary, branches[i], m.Id, m.Name, passwordHash, now));
        }
        users.Add(NewUser("inspector", Roles.Inspector, district, null, "区委督查员", passwordHash, now));
        var sampleMember = await db.Members.AsNoTracking().Where(m => m.OrgId == branches[0].Id).OrderBy(m => m.Id)
            .Skip(1).FirstAsync(ct);
        users.Add(NewUser("m0001", Roles.Member, branches[0], sampleMember.Id, sampleMember.Name, passwordHash, now));
        db.Users.AddRange(users);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var history =
            await DemoHistory.SeedAsync(db, rng, branches, today, now, policy,
            new Progress<double>(p => progress?.Report(0.9 + 0.09 * p)), ct);
        await DemoService.SeedAsync(db, district.Id, today, now, ct);
        await DemoCallOuts.SeedAsync(db, district.Id, today, now, ct);
        await DemoDeliberation.SeedAsync(db, district.Id, today, now, ct);
        await DemoStars.SeedAsync(db, district.Id, today, now, ct);
        await DemoSupervision.SeedAsync(db, district.Id, today, now, ct);
        await Dashboard.Rollups.RebuildAsync(db, district.Id, ct); // the history went in by bulk, past the rollups
        var counts = new DemoCounts(towns.Count, branches.Count, total, users.Count, history);
        db.SuppressAudit = false;
        await Auditing.AppendAsync(db, district.Id, Auditing.SeedDemo, nameof(Org), district.Id.ToString(),
            JsonSerializer.Serialize(counts), ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        progress?.Report(1);
        return counts;
    }

    static Org NewOrg(Org parent, string name, OrgKind kind, DateTime now) =>
        new()
        {
            DistrictId = parent.DistrictId,
            ParentId = parent.Id,
            Name = name,
            Kind = kind,
            Depth = parent.Depth + 1,
            CreatedAt = now
        };

    static async Task AddLevelAsync(YihaoDb db, Org parent, List<Org> level, CancellationToken ct)
    {
        foreach (var o in level) o.ParentId = parent.Id;
        db.Orgs.AddRange(level);
        await db.SaveChangesAsync(ct);
        foreach (var o in level) o.Path = OrgRules.ChildPath(parent.Path, o.Id);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Splits n into k parts that differ a little, as towns differ in size.</summary>
    static int[] Spread(int n, int k, Random rng)
    {
        var weights = Enumerable.Range(0, k).Select(_ => 0.7 + rng.NextDouble() * 0.6).ToArray();
        var parts = weights.Select(w => (int)(n * w / weights.Sum())).ToArray();
        for (var i = 0; parts.Sum() < n; i = (i + 1) % k) parts[i]++;
        return parts;
    }

    static List<string> BranchNames(bool urban, int count, Random rng)
    {
        var names = new List<string>();
        var used = new HashSet<string>();
        var units = Units.OrderBy(_ => rng.Next()).Take(urban ? 6 : 3).ToList();
        names.AddRange(units.Select(u => u + "党支部"));
        used.UnionWith(names);
        while (names.Count < count)
        {
            var place = PlacePrefix[rng.Next(PlacePrefix.Length)] + PlaceSuffix[rng.Next(PlaceSuffix.Length)];
            var name = place + (urban ? "社区党支部" : "村党支部");
            if (used.Add(name)) names.Add(name);
        }
        return names.Take(count).ToList();
    }

    static Member NewMember(Org branch, Random rng, DateOnly today, DateTime now, HashSet<string> ids,
        HashSet<string> phones)
    {
        var male = rng.NextDouble() < 0.74;
        var age = rng.NextDouble() < 0.3 ? rng.Next(60, 90) : rng.Next(22, 60);
        var birth = new DateOnly(today.Year - age, 1, 1).AddDays(rng.Next(0, 365));
        string id;
        do
        {
            var seq = rng.Next(0, 500) * 2 + (male ? 1 : 0);
            var first17 = $"{RegionCode}{birth:yyyyMMdd}{seq:000}";
            id = first17 + NationalId.CheckDigit(first17);
        } while (!ids.Add(id));
        var participation = rng.NextDouble() switch
        {
            < 0.05 => Participation.Mobile,
            < 0.09 when age >= 60 => Participation.ElderlyInfirm,
            < 0.09 => Participation.Active,
            _ => age >= 80 && rng.NextDouble() < 0.5 ? Participation.ElderlyInfirm : Participation.Active,
        };
        var phone = "";
        if (!(participation == Participation.ElderlyInfirm && rng.NextDouble() < 0.3))
            do phone = "1" + "3578"[rng.Next(4)] + rng.Next(0, 10) + rng.Next(0, 100_000_000).ToString("00000000");
            while (!phones.Add(phone));
        var earliest = birth.AddYears(18);
        var joinedDays = today.DayNumber - earliest.DayNumber;
        var probationary = rng.NextDouble() < 0.03;
        var joined = probationary ? today.AddDays(-rng.Next(30, 360))
            : earliest.AddDays(rng.Next(0, Math.Max(1, joinedDays - 400)));
        var surname = Pick(Surnames, rng);
        var given = male ? MaleGiven[rng.Next(MaleGiven.Length)] : FemaleGiven[rng.Next(FemaleGiven.Length)];
        return new Member
        {
            DistrictId = branch.DistrictId,
            OrgId = branch.Id,
            Name = surname + given,
            Gender = male ? Gender.Male : Gender.Female,
            BirthDate = birth,
            IdNumber = id,
            Phone = phone,
            Kind = probationary ? MemberKind.Probationary : MemberKind.Full,
            JoinedOn = joined < earliest ? earliest : joined,
            MonthlyDues = Dues[rng.Next(Dues.Length)],
            Participation = participation,
            MobileWhere = participation == Participation.Mobile ? MobilePlaces[rng.Next(MobilePlaces.Length)] : null,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    static string Pick((string Name, int Weight)[] items, Random rng)
    {
        var roll = rng.Next(items.Sum(i => i.Weight));
        foreach (var (name, weight) in items)
            if ((roll -= weight) < 0) return name;
        return items[0].Name;
    }

    static User NewUser(string userName, string role, Org org, int? memberId, string displayName, string passwordHash,
        DateTime now) => new()
        {
            UserName = userName,
            NormalizedUserName = userName.ToUpperInvariant(),
            Role = role,
            OrgId = org.Id,
            DistrictId = org.DistrictId,
            MemberId = memberId,
            DisplayName = displayName,
            PasswordHash = passwordHash,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
            CreatedAt = now,
        };
}
