using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;

namespace Yihao.Web.Infrastructure;

/// <summary>Saves where two people (or one double tap) may write the same row at once: the loser gets a 409, not a 500.</summary>
public static class Retry
{
    public static async Task<Fail?> SaveAsync(YihaoDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            return Fail.Conflict("Someone else saved this at the same moment; reload and try again.");
        }
    }
}
