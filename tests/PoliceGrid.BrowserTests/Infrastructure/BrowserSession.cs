using System.Runtime.CompilerServices;

namespace PoliceGrid.BrowserTests.Infrastructure;

/// <summary>Screen shapes the product is tested on.</summary>
public enum Screen
{
    /// <summary>390×844 touch phone, zh-CN (how officers use it in the street).</summary>
    Phone,

    /// <summary>1280×800 desktop, zh-CN (the command room).</summary>
    Desktop,
}

/// <summary>
/// One headless Debian chromium, driven by Playwright, shared by every test in the <see cref="BrowserSuite"/>.
/// Each test gets its own browser context (cookies, storage) via <see cref="NewContextAsync"/> or <see cref="RunAsync"/>.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Browser not started");

    /// <summary>Where failure screenshots go: $POLICEGRID_TEST_RESULTS/screenshots, else TestResults/screenshots in the output dir.</summary>
    public static string ScreenshotDirectory =>
        Path.Combine(
            Environment.GetEnvironmentVariable("POLICEGRID_TEST_RESULTS") is { Length: > 0 } dir
                ? dir
                : Path.Combine(AppContext.BaseDirectory, "TestResults"),
            "screenshots");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("POLICEGRID_CHROMIUM") is { Length: > 0 } path
            ? path
            : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {executable}. Install Debian's chromium (scripts/test does) or set POLICEGRID_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>A fresh, isolated browser context shaped like the given screen.</summary>
    public Task<IBrowserContext> NewContextAsync(Screen screen) => Browser.NewContextAsync(screen switch
    {
        Screen.Phone => new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        },
        Screen.Desktop => new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(screen)),
    });

    /// <summary>
    /// A phone-shaped browser whose profile lives in <paramref name="userDataDir"/>, so IndexedDB, caches and the service
    /// worker outlast closing it: the next launch on the same folder is the same phone, reopened.
    /// </summary>
    public Task<IBrowserContext> LaunchPhoneAsync(string userDataDir) =>
        (_playwright ?? throw new InvalidOperationException("Browser not started")).Chromium.LaunchPersistentContextAsync(userDataDir, new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("POLICEGRID_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });

    /// <summary>
    /// Runs <paramref name="test"/> on a new page in a new context; if it throws, saves a full-page screenshot
    /// named after the test under <see cref="ScreenshotDirectory"/> and rethrows.
    /// </summary>
    public async Task RunAsync(Screen screen, Func<IPage, Task> test, [CallerMemberName] string testName = "")
    {
        ArgumentNullException.ThrowIfNull(test);
        var context = await NewContextAsync(screen);
        await using (context)
        {
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();
            try
            {
                await test(page);
            }
            catch
            {
                await SaveScreenshotAsync(page, $"{testName}-{screen}");
                throw;
            }
        }
    }

    public static async Task<string?> SaveScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
            var file = Path.Combine(ScreenshotDirectory, $"{safe}-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Scale = ScreenshotScale.Css, Timeout = 10_000 });
            return file;
        }
        catch (PlaywrightException)
        {
            return null; // Never hide the real failure behind a screenshot failure.
        }
    }
}
