using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PoliceGrid.Web.Delivery;

/// <summary>The <c>Delivery</c> section: how fast messages go out, how long a person has to acknowledge, and the channels.</summary>
public sealed class DeliveryOptions
{
    /// <summary>How often the outbox and the acknowledgement chase run; 0 turns both off (tests run them by hand).</summary>
    [Range(0, 3600, ErrorMessage = "Delivery:SweepSeconds 须为 0 至 3600 / Delivery:SweepSeconds must be 0 to 3600")]
    public double SweepSeconds { get; set; } = 1;

    /// <summary>Minutes to acknowledge police work before it is chased (first by the next channel, then to the leaders).</summary>
    [Range(1, 1440, ErrorMessage = "Delivery:PoliceAckMinutes 须为 1 至 1440 / Delivery:PoliceAckMinutes must be 1 to 1440")]
    public int PoliceAckMinutes { get; set; } = 10;

    /// <summary>Minutes to acknowledge grid and department work.</summary>
    [Range(1, 1440, ErrorMessage = "Delivery:GridAckMinutes 须为 1 至 1440 / Delivery:GridAckMinutes must be 1 to 1440")]
    public int GridAckMinutes { get; set; } = 60;

    /// <summary>Attempts per channel before a delivery counts as failed (backoff doubles from 5 s, at most 10 min).</summary>
    [Range(1, 50, ErrorMessage = "Delivery:MaxAttempts 须为 1 至 50 / Delivery:MaxAttempts must be 1 to 50")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claimed delivery belongs to the instance that claimed it; after that another instance may retry it.</summary>
    [Range(5, 3600, ErrorMessage = "Delivery:LeaseSeconds 须为 5 至 3600 / Delivery:LeaseSeconds must be 5 to 3600")]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Channels every message goes out on besides the inbox (e.g. <c>dingtalk</c>); empty in the demo.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>The channel a message goes out on when it is not acknowledged in time (e.g. <c>sms</c>); empty: none.</summary>
    public string? ChaseChannel { get; set; }

    /// <summary>The address people open links at (<c>https://policegrid.county.example</c>); needed when a channel is on.</summary>
    public string? PublicBaseUrl { get; set; }

    public SmsGatewayOptions Sms { get; set; } = new();
    public DingTalkOptions DingTalk { get; set; } = new();
    public WeComOptions WeCom { get; set; } = new();
    public WebPushOptions WebPush { get; set; } = new();

    public IEnumerable<string> ExternalChannels => ChaseChannel is { Length: > 0 } chase ? Channels.Append(chase) : Channels;

    public sealed class Validation : IValidateOptions<DeliveryOptions>
    {
        public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
        {
            var failures = new List<string>();
            foreach (var channel in options.ExternalChannels)
            {
                var problem = channel switch
                {
                    SmsGateway.Name => options.Sms.Url is null || options.Sms.Secret is not { Length: >= 16 } || options.Sms.AppId is not { Length: > 0 }
                        ? "Delivery:Sms:Url、AppId 和 Secret（至少 16 个字符）须设置 / Delivery:Sms:Url, AppId and Secret (at least 16 characters) must be set" : null,
                    DingTalkRobot.Name => options.DingTalk.Webhook is null || options.DingTalk.Secret is not { Length: > 0 }
                        ? "Delivery:DingTalk:Webhook 和 Secret 须设置 / Delivery:DingTalk:Webhook and Secret must be set" : null,
                    WeComApp.Name => options.WeCom.CorpId is not { Length: > 0 } || options.WeCom.Secret is not { Length: > 0 } || options.WeCom.AgentId <= 0
                        ? "Delivery:WeCom:CorpId、Secret 和 AgentId 须设置 / Delivery:WeCom:CorpId, Secret and AgentId must be set" : null,
                    Delivery.WebPush.Name => WebPushProblem(options.WebPush),
                    _ => $"Delivery:Channels 中的 {channel} 不是已知渠道（sms、dingtalk、wecom、webpush） / {channel} in Delivery:Channels is not a known channel (sms, dingtalk, wecom, webpush)",
                };
                if (problem is not null)
                    failures.Add(problem);
            }
            if (options.ExternalChannels.Any() && !Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out _))
                failures.Add("开启渠道时须设置 Delivery:PublicBaseUrl / Delivery:PublicBaseUrl must be set when a channel is on");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        static string? WebPushProblem(WebPushOptions push)
        {
            if (!Uri.TryCreate(push.Subject, UriKind.Absolute, out var subject) || subject.Scheme is not ("mailto" or "https"))
                return "Delivery:WebPush:Subject 须为 mailto: 或 https: 地址 / Delivery:WebPush:Subject must be a mailto: or https: address";
            using var key = WebPushProtocol.VapidKey(push.PublicKey, push.PrivateKey);
            return key is null
                ? "Delivery:WebPush:PublicKey 和 PrivateKey 须为一对 P-256 密钥（用 vapid-keys 命令生成） / Delivery:WebPush:PublicKey and PrivateKey must be a P-256 pair (make one with the vapid-keys command)"
                : null;
        }
    }
}

/// <summary>An HTTP SMS gateway (the county's or its carrier's): a signed JSON POST per message.</summary>
public sealed class SmsGatewayOptions
{
    public Uri? Url { get; set; }
    public string? AppId { get; set; }
    public string? Secret { get; set; }
    /// <summary>Messages per second the gateway accepts; more wait.</summary>
    public double PerSecond { get; set; } = 20;
}

/// <summary>A DingTalk (政务钉钉) group robot with signing on: the webhook with its access token, and the robot's secret.</summary>
public sealed class DingTalkOptions
{
    public Uri? Webhook { get; set; }
    public string? Secret { get; set; }
    /// <summary>DingTalk allows a robot 20 messages a minute.</summary>
    public double PerSecond { get; set; } = 20.0 / 60;
}

/// <summary>A WeCom (企业微信) self-built application: the corp id, the application's agent id and secret, and the API's address.</summary>
public sealed class WeComOptions
{
    /// <summary>WeCom's API, or a private deployment's (政务微信 runs its own).</summary>
    public Uri BaseUrl { get; set; } = new("https://qyapi.weixin.qq.com");
    public string? CorpId { get; set; }
    public string? Secret { get; set; }
    public int AgentId { get; set; }
    /// <summary>Calls per second; WeCom limits an application's calls per minute.</summary>
    public double PerSecond { get; set; } = 20;
}

/// <summary>
/// Web Push with VAPID: the deployment's key pair (the <c>vapid-keys</c> command makes one), a contact the push services
/// can reach, and the push services browsers may name as their endpoint (the server posts only to those).
/// </summary>
public sealed class WebPushOptions
{
    /// <summary>The push services of the common browsers; a deployment whose phones use another lists its own.</summary>
    public static readonly string[] KnownServices = ["fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"];

    /// <summary><c>mailto:</c> or <c>https:</c> address of whoever runs the deployment, sent in every VAPID token.</summary>
    public string? Subject { get; set; }
    /// <summary>The VAPID public key (base64url, uncompressed P-256 point), which browsers subscribe with.</summary>
    public string? PublicKey { get; set; }
    /// <summary>The VAPID private key (base64url); keep it with the other secrets.</summary>
    public string? PrivateKey { get; set; }
    /// <summary>How long a push service keeps an undelivered message (seconds); a task older than that has been chased by other means.</summary>
    public int TtlSeconds { get; set; } = 4 * 3600;
    public double PerSecond { get; set; } = 50;
    /// <summary>Hosts (and their subdomains) a subscription's endpoint may be on; empty: <see cref="KnownServices"/>.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Whether the server may post to this endpoint: https on an allowed push service (plain http only on this machine, for tests).</summary>
    public bool Allows(Uri endpoint)
    {
        var hosts = AllowedHosts.Count > 0 ? AllowedHosts : [.. KnownServices];
        var allowed = hosts.Any(h => endpoint.Host.Equals(h, StringComparison.OrdinalIgnoreCase) || endpoint.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
        return allowed && (endpoint.Scheme == Uri.UriSchemeHttps || endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback);
    }
}
