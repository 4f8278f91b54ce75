using ClaimTracker.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Browser;

/// <summary>A fact-checker's first visit, in a real browser: Swagger UI loads, authorizes, and shows the worked example.</summary>
public sealed class SwaggerUiTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Swagger_UI_reads_the_10000_soldiers_claim_with_its_sources_after_authorizing()
    {
        Assert.True(File.Exists(Chromium),
            $"Chromium is not installed at {Chromium}; this test needs it (`apt-get install chromium`, which .ci/run does).");
        using var factory = new KestrelApiFactory();
        var baseAddress = factory.Start();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 2000 } });
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };

        await page.GotoAsync(new Uri(baseAddress, "/swagger/index.html").ToString());
        var operation = page.Locator("#operations-Claims-GetClaim");
        await operation.WaitForAsync();

        await page.Locator("button.authorize").First.ClickAsync();
        await page.Locator(".auth-container input").First.FillAsync(ApiFactory.AdminKey);
        await page.Locator(".auth-container button.authorize").First.ClickAsync();
        await page.Locator("button.btn-done").First.ClickAsync();

        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Try it out" }).ClickAsync();
        var claimId = operation.Locator("input[placeholder='claimId']");
        await claimId.FillAsync("clm_3");
        await operation.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        var response = operation.Locator(".live-responses-table .response").First;
        await response.Locator(".response-col_status").GetByText("200").WaitForAsync();
        var body = await response.Locator(".response-col_description").InnerTextAsync();

        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "swagger-ui-claim.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await operation.ScreenshotAsync(new LocatorScreenshotOptions { Path = screenshot });
        output.WriteLine($"Screenshot: {screenshot}");

        Assert.Contains("North Korea has sent more than 10,000 soldiers to help Russia fight Ukraine", body);
        Assert.Contains("us-government", body);
        Assert.Contains("south-korea-government", body);
        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
