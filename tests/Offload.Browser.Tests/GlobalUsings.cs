// What every browser test speaks: Playwright, its assertions, the page's landmarks and the API's shapes.
global using Microsoft.Playwright;
global using Offload.Platform.Identity;
global using Offload.Web.Tests;
global using static Microsoft.Playwright.Assertions;
global using static Offload.Browser.Tests.JobsPage;
