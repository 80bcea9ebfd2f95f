using Npgsql;
using Yihao.Web.Data;

namespace Yihao.Tests.Infrastructure;

/// <summary>How the server reaches its database: what it asks of Npgsql when the connection string leaves it
/// open.</summary>
public class DatabaseSetupTests
{
    [Theory]
    [InlineData("Host=db;Username=yihao;Database=yihao", 64)]
    [InlineData("Host=db;Username=yihao;Database=yihao;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Username=yihao;Database=yihao;maxautoprepare=10", 10)]
    public void PostgreSQL_prepares_repeated_statements_unless_the_connection_string_says_otherwise(string given,
        int prepared)
    {
        var b = new NpgsqlConnectionStringBuilder(DatabaseSetup.Prepared(given));
        Assert.Equal(prepared, b.MaxAutoPrepare);
        Assert.Equal(("db", "yihao", "yihao"), (b.Host, b.Username, b.Database));
    }
}
