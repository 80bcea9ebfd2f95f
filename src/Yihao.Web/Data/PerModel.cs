using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Yihao.Web.Data;

/// <summary>
/// A compiled query for each model it runs against: EF binds a compiled query to the first model that runs it, and
/// while a server has one database, the tests host both providers in one process.
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    readonly ConcurrentDictionary<IModel, TQuery> compiled = new();

    public TQuery For(DbContext db) => compiled.GetOrAdd(db.Model, _ => compile());
}
