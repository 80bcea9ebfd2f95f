using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;
using Yihao.Web.Domain;
using Yihao.Web.Features.Members;
using Yihao.Web.Infrastructure;

namespace Yihao.Web.Features.Organizations;

/// <summary>The tree, one node at a time: its counts, its children, its members, and the forms that change
/// it.</summary>
public sealed class IndexModel(YihaoDb db, TimeProvider clock) : YihaoPage(db)
{
    public const int PageSize = 50;
    public const int ChildPageSize = 40;

    public Org Node { get; private set; } = null!;
    public OrgView View { get; private set; } = null!;
    public List<Org> Ancestors { get; private set; } = [];
    public List<OrgView> Children { get; private set; } = [];
    public MemberPage? Members { get; private set; }
    public List<Org> MoveTargets { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "cq")] public string? ChildQuery { get; set; }
    [BindProperty(SupportsGet = true, Name = "cs")] public string? ChildState { get; set; }
    [BindProperty(SupportsGet = true, Name = "co")] public string? ChildOrder { get; set; }
    [BindProperty(SupportsGet = true, Name = "cp")] public int ChildPage { get; set; } = 1;

    /// <summary>The children this page of the list shows, after the filter and the order.</summary>
    public List<OrgView> ShownChildren { get; private set; } = [];
    public int ChildMatches { get; private set; }
    public int ChildPageCount => Math.Max(1, (ChildMatches + ChildPageSize - 1) / ChildPageSize);

    [BindProperty] public CreateOrgForm Create { get; set; } = new();
    [BindProperty] public RenameOrgForm Rename { get; set; } = new();
    [BindProperty] public int MoveTo { get; set; }

    public sealed class CreateOrgForm
    {
        public string? Name { get; set; }
        public string? Kind { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
    }

    public sealed class RenameOrgForm
    {
        public string? Name { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
    }

    public bool CanEdit => Me.EditsTree;
    public int PageCount => Members is null ? 0 : Math.Max(1, (Members.Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    /// <summary>Loads the node for a form's post; a form with a value that could not be read goes back with the
    /// error.</summary>
    async Task<IActionResult?> PostGuardAsync() => !await LoadAsync() ? NotFound() : !ModelState.IsValid ? Page()
        : null;

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (await PostGuardAsync() is { } stop) return stop;
        var outcome =
            await EditTree.CreateAsync(Me, Db, clock,
            new CreateOrgRequest(Node.Id, Create.Name, Create.Kind, Create.StartsOn, Create.EndsOn));
        return After(outcome, "Create", o => $"/Organizations/{o.Id}");
    }

    public async Task<IActionResult> OnPostRenameAsync()
    {
        if (await PostGuardAsync() is { } stop) return stop;
        return After(
            await EditTree.RenameAsync(Me, Db, Node.Id,
            new RenameOrgRequest(Rename.Name, Rename.StartsOn, Rename.EndsOn)), "Rename",
                o => $"/Organizations/{o.Id}");
    }

    public async Task<IActionResult> OnPostMoveAsync()
    {
        if (await PostGuardAsync() is { } stop) return stop;
        return After(await EditTree.MoveAsync(Me, Db, Node.Id, new MoveOrgRequest(MoveTo)), "Move",
            o => $"/Organizations/{o.Id}");
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (await PostGuardAsync() is { } stop) return stop;
        return After(await EditTree.CloseAsync(Me, Db, clock, Node.Id, new CloseOrgRequest(null)), "Close",
            o => $"/Organizations/{o.Id}");
    }

    IActionResult After(Outcome<Org> outcome, string prefix, Func<Org, string> next)
    {
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            Flash = L.T("Saved.");
            return Redirect(next(outcome.Value!));
        }
        ShowProblems(outcome, prefix);
        return Page();
    }

    async Task<bool> LoadAsync()
    {
        var node = await Me.Orgs(Db).AsNoTracking().FirstOrDefaultAsync(o => o.Id == (Id ?? Me.OrgId));
        if (node is null) return false;
        Node = node;
        View = await OrgView.ForAsync(Db, node);
        var ancestorIds = node.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        Ancestors = await Me.Orgs(Db).AsNoTracking().Where(o => ancestorIds.Contains(o.Id) && o.Id != node.Id)
            .OrderBy(o => o.Depth).ToListAsync();
        Children = await OrgsApi.ChildrenAsync(Db, node, HttpContext.RequestAborted);
        ShowChildren();
        if (node.IsBranch || !string.IsNullOrWhiteSpace(Q))
            Members = await MembersApi.ListAsync(Me, Db, node.Id, Q, PageNumber, PageSize, HttpContext.RequestAborted);
        PageNumber = Math.Clamp(PageNumber, 1, 1_000_000);
        if (CanEdit && node.ParentId is not null && node.Id != Me.OrgId)
            MoveTargets =
                (await Me.Orgs(Db).AsNoTracking()
                .Where(o => o.ClosedOn == null && o.Kind != OrgKind.Branch && o.Kind != OrgKind.TemporaryBranch)
                .OrderBy(o => o.Path).ToListAsync()).Where(o => OrgRules.MoveProblem(node, o) is null).ToList();
        Rename.Name ??= node.Name;
        Rename.StartsOn ??= node.StartsOn?.ToString("yyyy-MM-dd");
        Rename.EndsOn ??= node.EndsOn?.ToString("yyyy-MM-dd");
        return true;
    }

    /// <summary>
    /// A town's forty branches as one short table: found by name, open or closed, ordered by name or by members (the
    /// fewest first shows where the day is hardest), a page at a time.
    /// </summary>
    void ShowChildren()
    {
        var q = ChildQuery?.Trim();
        var found = Children.Where(c => string.IsNullOrEmpty(q) || c.Name.Contains(q, StringComparison.Ordinal))
            .Where(c =>
                ChildState switch
                {
                    "open" => c.ClosedOn is null,
                    "closed" => c.ClosedOn is not null,
                    _ => true,
                }
            );
        var ordered = ChildOrder switch
        {
            "members" => found.OrderBy(c => c.MemberCount).ThenBy(c => c.Name, StringComparer.Ordinal),
            "-members" => found.OrderByDescending(c => c.MemberCount).ThenBy(c => c.Name, StringComparer.Ordinal),
            _ => found.OrderBy(c => c.Name, StringComparer.Ordinal),
        };
        var all = ordered.ToList();
        ChildMatches = all.Count;
        ChildPage = Math.Clamp(ChildPage, 1, ChildPageCount);
        ShownChildren = all.Skip((ChildPage - 1) * ChildPageSize).Take(ChildPageSize).ToList();
    }

    /// <summary>The list's address with one of its settings changed (the others kept).</summary>
    public string ChildLink(int page) =>
        $"?cq={Uri.EscapeDataString(ChildQuery ?? "")}&cs={ChildState}&co={ChildOrder}&cp={page}";

    public static string Tag(OrgKind kind) => kind == OrgKind.TemporaryBranch ? "tag temp" : "tag";
}
