using Yihao.Tests.Support;

namespace Yihao.Tests.Http;

/// <summary>
/// Tests that touch the database run once per provider: SQLite always, PostgreSQL when YIHAO_TEST_POSTGRES is set.
/// Each test class gets an application and a database of its own.
/// </summary>
public abstract class ProviderTests<TApp> : IClassFixture<TApp> where TApp : YihaoApp
{
    protected TApp App { get; }

    protected ProviderTests(TApp app)
    {
        Assert.SkipUnless(app.Available, $"{typeof(TApp).Name}: YIHAO_TEST_POSTGRES or YIHAO_TEST_S3 is not set");
        App = app;
    }
}
