using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yihao.Web.Domain;

namespace Yihao.BrowserTests;

/// <summary>Every page every role can reach, opened on a cheap phone (360 × 740, zh-CN) and on a laptop: nothing wider
/// than the screen, no short label or word broken over lines (the archive's "地/点"), no select cutting its choice, and
/// the main actions at least 44 px high. The pages come from the app's own endpoints, so a new page is opened too (and
/// fails until it has a filler for its route values below).</summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageFitsTests(BrowserApp app, ITestOutputHelper output)
{
    const int TapHeight = 44;

    [Fact]
    public async Task On_a_360px_phone_every_page_of_every_role_fits_wraps_no_word_and_has_44px_main_actions()
    {
        var data = await World.MakeAsync(app, "柳林");
        var failures = await OpenEveryPageAsync(data, 360, 740, mobile: true);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task On_a_1366px_screen_every_page_of_every_role_still_fits()
    {
        var data = await World.MakeAsync(app, "槐树");
        var failures = await OpenEveryPageAsync(data, 1366, 768, mobile: false);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    async Task<List<string>> OpenEveryPageAsync(World data, int width, int height, bool mobile)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots", $"every-page-{width}");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var pages = PageUrls(data);
        var failures = new List<string>();
        foreach (var (role, user, password) in data.Accounts)
        {
            await using var context = await app.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new() { Width = width, Height = height },
                IsMobile = mobile,
                HasTouch = mobile,
                Locale = "zh-CN",
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await SignInTests.SignInAsync(page, user, password);
            var reached = 0;
            foreach (var url in pages)
            {
                var response = await page.GotoAsync(url);
                var status = response?.Status ?? 0;
                var landed = new Uri(page.Url).AbsolutePath;
                // Not this role's page (an error, or sent elsewhere: the page it lands on is opened on its own).
                if (status >= 400 || !string.Equals(landed, url.Split('?')[0], StringComparison.OrdinalIgnoreCase))
                    continue;
                reached++;
                var shot = $"{role}-{Slug(url)}.png";
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, shot), FullPage = true });
                foreach (var problem in await page.EvaluateAsync<string[]>(Check, TapHeight))
                    failures.Add($"{width}px {role} {url}: {problem}  [{shot}]");
            }
            output.WriteLine($"{role}: {reached} of {pages.Count} pages reached at {width}px");
            Assert.True(reached >= 3, $"{role} reached only {reached} pages");
        }
        output.WriteLine($"screenshots in {folder}");
        foreach (var f in failures) output.WriteLine(f);
        return failures;
    }

    /// <summary>Every Razor page's route, its values filled from the test data; pages with an optional value are opened
    /// with and without it.</summary>
    List<string> PageUrls(World data)
    {
        var sources = app.Services.GetRequiredService<EndpointDataSource>();
        var urls = new SortedSet<string>(StringComparer.Ordinal);
        var pages = sources.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(x => x.Page is not null)
            .GroupBy(x => x.Page!.ViewEnginePath)
            .Select(g => (Path: g.Key, Pattern: g.OrderBy(x => x.Endpoint.RoutePattern.RawText!.Length).First()
                .Endpoint.RoutePattern));
        foreach (var (path, pattern) in pages)
        {
            if (path == "/Account/Logout") continue; // signs out
            var values = new Dictionary<string, string?>();
            var optional = new List<string>();
            foreach (var parameter in pattern.Parameters)
            {
                var value = data.Fill(path, parameter.Name)
                    ?? throw new InvalidOperationException($"no test value for {{{parameter.Name}}} of {path}");
                values[parameter.Name] = value;
                if (parameter.IsOptional) optional.Add(parameter.Name);
            }
            var query = data.Query(path);
            urls.Add(Build(pattern.RawText!, values) + query);
            if (optional.Count > 0)
            {
                var without = values.ToDictionary(v => v.Key, v => optional.Contains(v.Key) ? null : v.Value);
                urls.Add(Build(pattern.RawText!, without) + query);
            }
        }
        return [.. urls];
    }

    static string Build(string template, Dictionary<string, string?> values)
    {
        var parts = template.Trim('/').Split('/').Select(segment =>
        {
            if (!segment.StartsWith('{')) return segment;
            var name = segment.Trim('{', '}').Split(':', '?', '=')[0];
            return values[name];
        }).Where(p => !string.IsNullOrEmpty(p));
        return "/" + string.Join("/", parts);
    }

    static string Slug(string url) => new([.. url.Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-')]);

    /// <summary>What is wrong with the page as laid out: a list of short findings, each naming the element.</summary>
    const string Check = """
        (tap) => {
          const out = [], vw = document.documentElement.clientWidth;
          const name = e => {
            const t = (e.innerText || e.value || '').trim().replace(/\s+/g, ' ').slice(0, 24);
            const k = typeof e.className === 'string' ? e.className.trim() : '';
            const c = k ? '.' + k.split(/\s+/).join('.') : '';
            return e.tagName.toLowerCase() + c + (t ? ` "${t}"` : '');
          };
          const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
          const sw = document.documentElement.scrollWidth;
          if (sw > vw + 1) {
            const wide = [...document.querySelectorAll('main *')].filter(e => shown(e) && !e.closest('.scroll')
              && e.getBoundingClientRect().right > vw + 1
              && ![...e.children].some(c => c.getBoundingClientRect().right > vw + 1));
            out.push(`page is ${sw}px wide in ${vw}px: ` + wide.slice(0, 3).map(name).join(', '));
          }
          // Words and short labels broken over lines.
          const labels = 'button,a,label,th,summary,dt,.tag,.button,.stat,h1,h2,h3,legend';
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), range = document.createRange();
          for (let n; (n = walker.nextNode());) {
            const text = n.textContent.trim(), el = n.parentElement;
            if (text.length < 2 || !el || !shown(el) || el.closest('script,style,option,textarea,code,pre,svg')) continue;
            range.selectNodeContents(n);
            const rects = [...range.getClientRects()].filter(r => r.width > 0.5);
            const size = parseFloat(getComputedStyle(el).fontSize);
            const tops = [...new Set(rects.map(r => Math.round(r.top / (size / 2))))];
            if (tops.length < 2) continue;
            const widths = tops.map(t => rects.filter(r => Math.round(r.top / (size / 2)) === t)
              .reduce((w, r) => w + r.width, 0));
            if (widths.every(w => w < size * 1.6)) out.push(`one character a line: ${name(el)}`);
            else if (el.closest(labels) && !/\s/.test(text) && text.length <= 12)
              out.push(`label breaks over ${tops.length} lines: ${name(el)}`);
          }
          // A select narrower than its chosen option cuts it ("政治理论学…").
          const canvas = document.createElement('canvas').getContext('2d');
          for (const s of document.querySelectorAll('main select')) {
            if (!shown(s) || s.selectedIndex < 0) continue;
            const st = getComputedStyle(s);
            canvas.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
            const need = canvas.measureText(s.options[s.selectedIndex].text).width + parseFloat(st.paddingLeft) + 20;
            if (need > s.clientWidth + 1)
              out.push(`select cuts its choice (${Math.round(s.clientWidth)}px < ${Math.round(need)}px): `
                + name(s.options[s.selectedIndex]));
          }
          // Text cut off by a box that hides its overflow (a sliver of a hidden column beside a name).
          for (const e of document.querySelectorAll('main th, main td')) {
            if (!shown(e)) continue;
            const r = e.getBoundingClientRect();
            const box = e.closest('.scroll');
            if (!box) continue;
            const b = box.getBoundingClientRect(), sticky = box.querySelector('tr > :first-child');
            const under = sticky && !e.matches('tr > :first-child');
            const left = Math.max(b.left, under ? sticky.getBoundingClientRect().right : b.left);
            const seen = Math.min(r.right, b.right) - Math.max(r.left, left);
            if (!e.innerText.trim() || seen < 1 || seen >= Math.min(12, r.width - 1) || r.left >= left) continue;
            const hit = document.elementFromPoint(Math.max(r.left, left) + seen / 2, r.top + r.height / 2);
            if (hit && e.contains(hit)) out.push(`a sliver of ${Math.round(seen)}px shows: ${name(e)}`);
          }
          // Main actions: buttons, button-like links and links standing on their own in a card or form.
          const candidates = 'main button, main .button, main input[type=submit], main summary, main a';
          const actions = [...document.querySelectorAll(candidates)]
            .filter(e => shown(e) && !e.closest('table, .crumbs, nav'))
            .filter(e => {
              if (e.tagName !== 'A' || e.classList.contains('button')) return true;
              const block = e.parentElement.closest('p, li, div, form, section, td, dd, figcaption, h1, h2, h3, span');
              if (!block) return false;
              const own = [...block.querySelectorAll('a')]
                .reduce((t, a) => t.replace(a.innerText, ''), block.innerText);
              return own.replace(/[\s·|/，、]/g, '').length === 0;
            });
          for (const e of actions) {
            const h = e.getBoundingClientRect().height;
            if (h < tap - 0.5) out.push(`action ${Math.round(h)}px high: ${name(e)}`);
          }
          return out;
        }
        """;

    /// <summary>A branch like the demo's: a secretary, a liaison leader, members with and without an account, an
    /// inspector of the town, a reviewed day that is over, a draft plan, half a year of stars and a screen
    /// link.</summary>
    sealed record Supervised(int Inspection, int List, int Sample);

    sealed record World(
        List<(string Role, string User, string Password)> Accounts, int TownId, int BranchId, int MemberId,
        int PastDayId, int DraftDayId, string DisplayToken, int? WarningId, Supervised Supervised, int CallOutId,
        int TopicId)
    {
        public string? Fill(string page, string parameter) => (page, parameter) switch
        {
            (_, "branchId") => BranchId.ToString(),
            (_, "dayId") => PastDayId.ToString(),
            (_, "token") => DisplayToken,
            (_, "code") => "404",
            ("/ActivityDays/Day", "id") => DraftDayId.ToString(),
            ("/ActivityDays/Archive" or "/ActivityDays/Screen", "id") => PastDayId.ToString(),
            ("/Members/Profile", "id") => MemberId.ToString(),
            ("/Organizations/Index", "id") => BranchId.ToString(),
            ("/Stars/Warnings", "id") => WarningId?.ToString() ?? "",
            (_, "memberId") => MemberId.ToString(),
            ("/Supervision/Inspection", "id") => Supervised.Inspection.ToString(),
            ("/Supervision/List", "id") => Supervised.List.ToString(),
            ("/Supervision/Sample", "id") => Supervised.Sample.ToString(),
            ("/Dashboard/Report" or "/Dashboard/Year", "orgId") => TownId.ToString(),
            ("/Commitments/Board" or "/Commitments/Poster", "orgId") => BranchId.ToString(),
            ("/CallOuts/CallOut", "id") => CallOutId.ToString(),
            ("/Deliberation/Topic", "id") => TopicId.ToString(),
            _ => null,
        };

        public string Query(string page) => page switch
        {
            "/Members/New" or "/Members/Import" or "/ActivityDays/Index" => $"?orgId={BranchId}",
            _ => "",
        };

        public static async Task<World> MakeAsync(BrowserApp app, string village)
        {
            var tag = village == "柳林" ? "liulin" : "huaishu";
            var branch = (await app.MakeOrgAsync(app.TownA.Id, village + "村党支部", "branch")).Id;
            var members = new List<int>();
            foreach (var (n, born, male) in new[]
            {
                (village[..1] == "柳" ? "欧阳建华" : "司马玉兰", "19650302", true), ("孙桂芳", "19700815", false),
                ("马德胜", "19580120", true),
            })
            {
                var made = await app.Admin.PostAsJsonAsync("/api/v1/members", new
                {
                    orgId = branch,
                    name = n,
                    idNumber = People.IdNumber(born, male),
                    phone = "",
                    kind = "full",
                    joinedOn = "1995-07-01",
                });
                made.EnsureSuccessStatusCode();
                members.Add((await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
            }
            const string password = "Every-Page-2026";
            await app.MakeUserAsync($"{tag}-sec", password, Roles.BranchSecretary, branch);
            await app.MakeUserAsync($"{tag}-liaison", password, Roles.LiaisonLeader, branch);
            await app.MakeUserAsync($"{tag}-inspector", password, Roles.Inspector, app.TownA.Id);
            (await app.Admin.PostAsJsonAsync("/api/v1/users", new
            {
                username = $"{tag}-member",
                password,
                role = Roles.Member,
                orgId = branch,
                memberId = members[1],
            })).EnsureSuccessStatusCode();

            using var secretary = await app.SignedInClientAsync($"{tag}-sec", password);
            using var town = await app.SignedInClientAsync(BrowserApp.TownAdminName, BrowserApp.TownAdminPassword);
            var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
            var last = today.AddMonths(-1);
            var next = today.AddMonths(1);
            var pastDay = await DayAsync(secretary, branch, last, "村委会二楼会议室");
            (await secretary.PostAsync($"/api/v1/activity-days/{pastDay}/submit", null)).EnsureSuccessStatusCode();
            (await town.PostAsJsonAsync($"/api/v1/activity-days/{pastDay}/review", new { approve = true }))
                .EnsureSuccessStatusCode();
            var closed = await secretary.PostAsync($"/api/v1/activity-days/{pastDay}/close", null);
            if (!closed.IsSuccessStatusCode)
                throw new InvalidOperationException($"closing: {await closed.Content.ReadAsStringAsync()}");
            (await app.Admin.PostAsync($"/api/v1/warnings/evaluate?month={last:yyyy-MM}", null))
                .EnsureSuccessStatusCode();
            var draftDay = await DayAsync(secretary, branch, next, "村党群服务中心");
            // Half a year of boards, so that the star board scrolls sideways past months hidden under the names.
            for (var m = last.AddMonths(-5); m <= last; m = m.AddMonths(1))
                (await secretary.PostAsync($"/api/v1/orgs/{branch}/stars/propose?month={m:yyyy-MM}", null))
                    .EnsureSuccessStatusCode();
            var link = await secretary.PostAsync($"/api/v1/orgs/{branch}/display-links", null);
            link.EnsureSuccessStatusCode();
            var url = (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
            var token = url.TrimEnd('/').Split('/')[^1];
            var warnings = await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/warnings?take=1");
            int? warning = warnings.TryGetProperty("items", out var items) && items.GetArrayLength() > 0
                ? items[0].GetProperty("id").GetInt32() : null;
            return new World(
                [
                    (Roles.DistrictAdmin, "admin", BrowserApp.AdminPassword),
                    (Roles.TownAdmin, BrowserApp.TownAdminName, BrowserApp.TownAdminPassword),
                    (Roles.Inspector, $"{tag}-inspector", password),
                    (Roles.BranchSecretary, $"{tag}-sec", password),
                    (Roles.LiaisonLeader, $"{tag}-liaison", password),
                    (Roles.Member, $"{tag}-member", password),
                ],
                app.TownA.Id, branch, members[0], pastDay, draftDay, token, warning,
                await SupervisedAsync(app.Admin, app.TownA.Id, branch),
                await CallOutAsync(town, today), await TopicAsync(app, secretary, pastDay, members[0], today));
        }

        /// <summary>The town's call for volunteers tomorrow.</summary>
        static async Task<int> CallOutAsync(HttpClient town, DateOnly today)
        {
            var made = await town.PostAsJsonAsync("/api/v1/call-outs", new
            {
                what = "冰雹灾后帮助农户抢收",
                place = "三组果园",
                startsAt = $"{today.AddDays(1):yyyy-MM-dd} 08:00",
                needed = 30,
            });
            if (!made.IsSuccessStatusCode)
                throw new InvalidOperationException($"call-out: {await made.Content.ReadAsStringAsync()}");
            return (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }

        /// <summary>A topic raised from the past day's deliberation item.</summary>
        static async Task<int> TopicAsync(BrowserApp app, HttpClient secretary, int day, int owner, DateOnly today)
        {
            int item;
            using (var scope = app.Services.CreateScope())
                item = await scope.ServiceProvider.GetRequiredService<Yihao.Web.Data.YihaoDb>().AgendaItems
                    .Where(a => a.ActivityDayId == day && a.Category == AgendaCategory.Deliberation)
                    .Select(a => a.Id).FirstAsync();
            var made = await secretary.PostAsJsonAsync("/api/v1/deliberation/topics", new
            {
                agendaItemId = item,
                raised = "低保户评议中还遗漏了谁",
                decision = "入户核实后报镇民政办",
                ownerMemberId = owner,
                dueOn = today.AddDays(14).ToString("yyyy-MM-dd"),
            });
            if (!made.IsSuccessStatusCode)
                throw new InvalidOperationException($"topic: {await made.Content.ReadAsStringAsync()}");
            return (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }

        /// <summary>A recorded open visit of the branch with its problem list, and a sample of the town's branches.</summary>
        static async Task<Supervised> SupervisedAsync(HttpClient admin, int town, int branch)
        {
            async Task<JsonElement> Post(string url, object body)
            {
                var r = await admin.PostAsJsonAsync("/api/v1/supervision" + url, body);
                Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
                return await r.Content.ReadFromJsonAsync<JsonElement>();
            }
            var visit =
                (await Post("/inspections", new { kind = "openVisit", orgId = branch, plannedOn = "2026-11-25" }))
                .GetProperty("id").GetInt32();
            await Post($"/inspections/{visit}/record", new { findings = new[] { "缺少会议记录" }, outcome = "下发清单" });
            var list =
                await Post($"/inspections/{visit}/problem-list",
                new { items = new[] { new { description = "补齐会议记录" } } });
            var sample =
                await Post("/samples", new { purpose = "branches", orgId = town, month = "2026-12", size = 1 });
            return new(visit, list.GetProperty("id").GetInt32(), sample.GetProperty("id").GetInt32());
        }

        static async Task<int> DayAsync(HttpClient secretary, int branch, DateOnly month, string place)
        {
            var made = await secretary.PostAsJsonAsync($"/api/v1/orgs/{branch}/activity-days", new
            {
                month = month.ToString("yyyy-MM"),
                place,
                liaisonLeader = "刘振东",
                agenda = new[]
                {
                    new { category = "theoryStudy", title = "学习党的二十届四中全会精神" },
                    new { category = "deliberation", title = "评议本村低保户申请" },
                },
                studyMaterial = "《求是》2026年第22期",
            });
            if (!made.IsSuccessStatusCode)
                throw new InvalidOperationException($"day {month}: {await made.Content.ReadAsStringAsync()}");
            return (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }
    }
}
