using System.Collections.Concurrent;

namespace PoliceGrid.Tests.Infrastructure;

/// <summary>
/// Demo databases seeded once and copied. Seeding Pingdingshan (about 3,000 units and 14,000 staff) is most of a start's
/// cost, half a minute or more on CI, while copying a seeded database takes a second. A template is made the first time
/// a provider and a set of settings is asked for, by starting the product on it exactly as a test would and stopping it;
/// every later start with the same settings begins from a copy, so what the product finds is what its own seed left.
/// </summary>
static class SeededTemplates
{
    static readonly ConcurrentDictionary<string, Lazy<Task<TestDatabase?>>> Templates = new();

    /// <summary>The seed a start with these settings and nothing swapped in writes; two such starts write the same.</summary>
    public static string KeyOf(IReadOnlyDictionary<string, string>? settings) =>
        string.Join("\n", (settings ?? new Dictionary<string, string>()).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + "=" + s.Value));

    /// <summary>
    /// Fills an unused database with a copy of the template seeded for <paramref name="seedKey"/> on its provider, made
    /// by <paramref name="start"/> the first time; false if that start failed.
    /// </summary>
    public static async Task<bool> FillAsync(TestDatabase target, string seedKey, Func<TestDatabase, ProductApp> start)
    {
        var template = await Templates.GetOrAdd(target.Provider + "\n" + seedKey,
            _ => new Lazy<Task<TestDatabase?>>(() => BuildAsync(target.Provider, start))).Value;
        if (template is null)
            return false;
        await target.CopyFromAsync(template);
        return true;
    }

    static async Task<TestDatabase?> BuildAsync(string provider, Func<TestDatabase, ProductApp> start)
    {
        var database = await TestDatabase.CreateAsync(provider);
        try
        {
            await using (var app = start(database))
                _ = app.Server;
            TestDatabase.KeepUntilExit(database);
            return database;
        }
        catch (Exception)
        {
            // A start that fails fails again in the test's own host, where the test sees (and may expect) it.
            await database.DisposeAsync();
            return null;
        }
    }
}
