using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace PoliceGrid.Tests.Infrastructure;

/// <summary>
/// The built product (PoliceGrid.Web.dll) started as an operating-system process of its own, as a server runs it,
/// configured by environment variables, on a free port it picks itself. <see cref="Kill"/> ends it as a crash or
/// <c>kill -9</c> would: SIGKILL to its process id, no shutdown code runs. Disposing kills it too, so no test leaves one behind.
/// </summary>
public sealed partial class ProductProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();
    readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; }
    public int Pid => process.Id;
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>What the process wrote so far, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    ProductProcess(string name, Process process) => (Name, this.process) = (name, process);

    /// <summary>Starts the product with these settings (configuration keys, <c>Section:Key</c>) and waits until it listens.</summary>
    public static async Task<ProductProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var product = new ProductProcess(name, process);
        process.OutputDataReceived += (_, e) => product.Read(e.Data);
        process.ErrorDataReceived += (_, e) => product.Read(e.Data);
        process.Exited += (_, _) => product.listening.TrySetException(new InvalidOperationException($"{name} exited before it listened:\n{product.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            product.BaseUrl = await product.listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(120));
        }
        catch
        {
            await product.DisposeAsync();
            throw;
        }
        return product;
    }

    void Read(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
        if (Listening().Match(line) is { Success: true } match)
            listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    // The address ends at white space or, in a JSON log line, at the closing quote.
    [GeneratedRegex(@"Now listening on: (http://[^\s""]+)")]
    private static partial Regex Listening();

    /// <summary>A client of this process that keeps its cookies, signed in as <paramref name="userName"/>.</summary>
    public Task<HttpClient> SignInAsync(string userName) =>
        ProductApp.SignInAsync(new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseUrl },
            userName);

    public bool HasExited => process.HasExited;

    /// <summary>Once it has exited: 137 (128 + 9) after SIGKILL.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>SIGKILL, by process id: the process stops wherever it is, in the middle of a request or a transaction.</summary>
    public void Kill()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        await Task.CompletedTask;
        process.Dispose();
    }
}
