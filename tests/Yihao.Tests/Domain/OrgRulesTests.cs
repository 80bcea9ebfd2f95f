using Yihao.Web.Domain;

namespace Yihao.Tests.Domain;

public class OrgRulesTests
{
    static Org Node(int id, string path, OrgKind kind, int? parent = 1) =>
        new()
        {
            Id = id,
            Name = $"n{id}",
            Path = path,
            Kind = kind,
            ParentId = parent,
            Depth = path.Count(c => c == '/') - 2
        };

    [Fact]
    public void The_tree_goes_district_town_general_branch_branch()
    {
        Assert.True(OrgRules.CanHold(OrgKind.District, OrgKind.Town));
        Assert.True(OrgRules.CanHold(OrgKind.Town, OrgKind.GeneralBranch));
        Assert.True(OrgRules.CanHold(OrgKind.Town, OrgKind.Branch));
        Assert.True(OrgRules.CanHold(OrgKind.GeneralBranch, OrgKind.TemporaryBranch));
        Assert.False(OrgRules.CanHold(OrgKind.District, OrgKind.Branch));
        Assert.False(OrgRules.CanHold(OrgKind.Branch, OrgKind.Branch));
        Assert.False(OrgRules.CanHold(OrgKind.GeneralBranch, OrgKind.GeneralBranch));
    }

    [Fact]
    public void A_node_cannot_move_under_its_own_descendant()
    {
        var town = Node(2, "/1/2/", OrgKind.Town);
        var general = Node(3, "/1/2/3/", OrgKind.GeneralBranch, 2);
        Assert.Equal("A node cannot move under itself or one of its own descendants.",
            OrgRules.MoveProblem(general, general));
        Assert.NotNull(OrgRules.MoveProblem(town, general));
    }

    [Fact]
    public void A_branch_moves_to_another_town_but_not_under_the_district()
    {
        var branch = Node(5, "/1/2/5/", OrgKind.Branch, 2);
        Assert.Null(OrgRules.MoveProblem(branch, Node(4, "/1/4/", OrgKind.Town)));
        Assert.Equal("This kind of organization cannot be placed there.",
            OrgRules.MoveProblem(branch, Node(1, "/1/", OrgKind.District, null)));
        var closed = Node(6, "/1/6/", OrgKind.Town);
        closed.ClosedOn = new DateOnly(2026, 1, 1);
        Assert.Equal("A node cannot move under a closed organization.", OrgRules.MoveProblem(branch, closed));
    }

    [Fact]
    public void The_district_itself_does_not_move() =>
        Assert.NotNull(OrgRules.MoveProblem(Node(1, "/1/", OrgKind.District, null), Node(2, "/1/2/", OrgKind.Town)));

    [Fact]
    public void Path_prefixes_do_not_confuse_ids_that_share_digits()
    {
        Assert.True(OrgRules.IsWithin("/1/2/25/", "/1/2/"));
        Assert.False(OrgRules.IsWithin("/1/25/", "/1/2/"));
    }

    [Fact]
    public void Only_temporary_branches_have_dates_and_they_run_forward()
    {
        var d = new DateOnly(2026, 3, 1);
        Assert.Null(OrgRules.DatesProblem(OrgKind.TemporaryBranch, d, d.AddDays(70)));
        Assert.NotNull(OrgRules.DatesProblem(OrgKind.TemporaryBranch, d, d.AddDays(-1)));
        Assert.NotNull(OrgRules.DatesProblem(OrgKind.TemporaryBranch, d, null));
        Assert.NotNull(OrgRules.DatesProblem(OrgKind.Branch, d, null));
        Assert.Null(OrgRules.DatesProblem(OrgKind.Branch, null, null));
    }
}
