namespace PoliceGrid.BrowserTests.Infrastructure;

/// <summary>Browser tests share one app server and one chromium; put <c>[Collection(BrowserSuite.Name)]</c> on them.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<ProductServer>, ICollectionFixture<BrowserSession>
{
    public const string Name = "Browser";
}
