using Microsoft.EntityFrameworkCore;
using Yihao.Web.Data;

namespace Yihao.Web.Infrastructure;

/// <summary>
/// Saves where two people (or one double tap) may write at once: the loser gets a 409 that says what happened —
/// a unique value someone else took first, or a row someone else changed since it was read — never a 500.
/// </summary>
public static class Retry
{
    public const string SameMoment = "Someone else saved this at the same moment; reload and try again.";

    public static async Task<Fail?> SaveAsync(YihaoDb db, CancellationToken ct, string taken = SameMoment,
        string stale = SameMoment)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail.Conflict(stale);
        }
        catch (DbUpdateException)
        {
            return Fail.Conflict(taken);
        }
    }
}
