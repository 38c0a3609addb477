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
                    _ => $"Delivery:Channels 中的 {channel} 不是已知渠道（sms、dingtalk、wecom） / {channel} in Delivery:Channels is not a known channel (sms, dingtalk, wecom)",
                };
                if (problem is not null)
                    failures.Add(problem);
            }
            if (options.ExternalChannels.Any() && !Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out _))
                failures.Add("开启渠道时须设置 Delivery:PublicBaseUrl / Delivery:PublicBaseUrl must be set when a channel is on");
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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
