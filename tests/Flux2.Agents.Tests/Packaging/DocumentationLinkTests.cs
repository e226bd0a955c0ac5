using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Flux2.Agents.Tests.Packaging;

/// <summary>
/// Every relative link in the README, the docs/ pages and the package readmes leads somewhere: the file or folder exists
/// in the repository and, for a <c>#fragment</c> into a Markdown file, that file has the heading (ids as GitHub makes them).
/// Markdown is parsed with Markdig as GitHub does (code blocks and code spans hold no links; reference-style links count
/// through their definitions); http(s), mailto and other absolute URIs are not followed.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    [Fact]
    public void EveryRelativeLink_InTheReadmeDocsAndPackageReadmes_Resolves()
    {
        string root = RepositoryRoot();
        var files = DocumentationFiles(root);

        var broken = BrokenLinks(root, files, out int checkedLinks);

        Assert.Contains(Path.Combine(root, "README.md"), files);
        Assert.Contains(files, f => f.StartsWith(Path.Combine(root, "docs") + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Assert.True(checkedLinks >= 50, $"only {checkedLinks} relative links were found in {files.Count} files: the parser is missing links");
        Assert.True(broken.Count == 0, $"{broken.Count} broken relative link(s):\n" + string.Join("\n", broken));
    }

    [Fact]
    public void EveryDocsPage_IsLinkedFromTheReadme()
    {
        string root = RepositoryRoot();
        var linked = RelativeTargets(root, Path.Combine(root, "README.md")).ToHashSet(StringComparer.Ordinal);

        var pages = Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories);

        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.True(linked.Contains(page), $"README.md links to no {Path.GetRelativePath(root, page)}"));
    }

    [Fact]
    public void EveryPackage_PacksItsOwnReadme()
    {
        string root = RepositoryRoot();
        var projects = Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories);

        Assert.NotEmpty(projects);
        Assert.All(projects, project =>
        {
            string name = Path.GetFileNameWithoutExtension(project);
            var xml = XDocument.Load(project);
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "README.md")), $"{name} has no README.md beside its project");
            Assert.Contains(xml.Descendants("PackageReadmeFile"), e => e.Value == "README.md");
            Assert.Contains(xml.Descendants("None"), e =>
                (string?)e.Attribute("Include") == "README.md" && (string?)e.Attribute("Pack") == "true" && (string?)e.Attribute("PackagePath") == "/");
        });
    }

    [Fact]
    public void BrokenFileLink_IsReported_WithFileLineAndTarget()
    {
        using var folder = new TempDirectory("doclinks");
        folder.Write("docs/a.md", "# A\n\nSee [the guide](guide.md) and [the missing page](missing.md).\n");
        folder.Write("docs/guide.md", "# Guide\n");

        var broken = BrokenLinks(folder.Path, [folder.Combine("docs/a.md")], out int checkedLinks);

        Assert.Equal(2, checkedLinks);
        string report = Assert.Single(broken);
        Assert.StartsWith("docs/a.md:3: missing.md:", report, StringComparison.Ordinal);
        Assert.Contains("no file or folder docs/missing.md", report, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingHeading_IsReported_AndTheHeadingsThereAreNamed()
    {
        using var folder = new TempDirectory("doclinks");
        folder.Write("README.md", "# Top\n\n[ok](docs/b.md#the-command-line-flux2) [broken](docs/b.md#command-line)\n");
        folder.Write("docs/b.md", "# B\n\n## The command line (`flux2`)\n");

        var broken = BrokenLinks(folder.Path, [folder.Combine("README.md")], out _);

        string report = Assert.Single(broken);
        Assert.Contains("docs/b.md#command-line", report, StringComparison.Ordinal);
        Assert.Contains("no heading #command-line in docs/b.md", report, StringComparison.Ordinal);
        Assert.Contains("the-command-line-flux2", report, StringComparison.Ordinal);
    }

    [Fact]
    public void FragmentIntoTheSameFile_IsChecked()
    {
        using var folder = new TempDirectory("doclinks");
        folder.Write("README.md", "# Top\n\n## Shared state on Redis\n\n[ok](#shared-state-on-redis) [broken](#shared-state)\n");

        var broken = BrokenLinks(folder.Path, [folder.Combine("README.md")], out int checkedLinks);

        Assert.Equal(2, checkedLinks);
        Assert.Contains("#shared-state:", Assert.Single(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceStyleDefinition_ToAMissingFile_IsReported()
    {
        using var folder = new TempDirectory("doclinks");
        folder.Write("README.md", "# Top\n\nRead the [hosting guide][hosting] and the [cli][].\n\n[hosting]: docs/hosting.md\n[cli]: docs/cli.md\n");
        folder.Write("docs/cli.md", "# CLI\n");

        var broken = BrokenLinks(folder.Path, [folder.Combine("README.md")], out int checkedLinks);

        Assert.Equal(2, checkedLinks);
        Assert.StartsWith("README.md:5: docs/hosting.md:", Assert.Single(broken), StringComparison.Ordinal);
    }

    [Fact]
    public void AbsoluteUris_CodeBlocksAndCodeSpans_AreNotFollowed()
    {
        using var folder = new TempDirectory("doclinks");
        folder.Write(
            "README.md",
            "# Top\n\n[site](https://example.com/x.md) [web](http://example.com) [mail](mailto:a@example.com) `[span](nowhere.md)`\n\n" +
            "```markdown\n[fenced](nowhere.md)\n```\n");

        var broken = BrokenLinks(folder.Path, [folder.Combine("README.md")], out int checkedLinks);

        Assert.Empty(broken);
        Assert.Equal(0, checkedLinks);
    }

    [Fact]
    public void LinksToFolders_RootRelativeLinksAndImages_Resolve_AndALinkOutOfTheRepository_IsReported()
    {
        using var folder = new TempDirectory("doclinks");
        folder.Write("src/Lib/README.md", "# Lib\n\n[samples](../../samples) [docs](/docs/a.md#a) ![logo](../../docs/logo.png) [outside](../../../elsewhere.md)\n");
        folder.Write("samples/One/Program.cs", "");
        folder.Write("docs/a.md", "# A\n");
        folder.Write("docs/logo.png", "png");

        var broken = BrokenLinks(folder.Path, [folder.Combine("src/Lib/README.md")], out int checkedLinks);

        Assert.Equal(4, checkedLinks);
        Assert.Contains("leaves the repository", Assert.Single(broken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Configuration", "configuration")]
    [InlineData("The command line (`flux2`)", "the-command-line-flux2")]
    [InlineData("Microsoft.Extensions.AI `IImageGenerator`", "microsoftextensionsai-iimagegenerator")]
    [InlineData("Hosting: replicas, OAuth and Redis", "hosting-replicas-oauth-and-redis")]
    [InlineData("Links: [the docs](x.md) and *emphasis*", "links-the-docs-and-emphasis")]
    [InlineData("A & B", "a--b")]
    [InlineData("`flux2_generate_image` in 2 steps", "flux2_generate_image-in-2-steps")]
    public void HeadingIds_FollowGitHub(string heading, string id)
    {
        var ids = HeadingIds("# " + heading + "\n");

        Assert.Equal(new[] { id }, ids);
    }

    [Fact]
    public void RepeatedHeadings_GetNumberedIds_AsOnGitHub()
    {
        var ids = HeadingIds("# Notes\n\n## Settings\n\n## Settings\n\nSetext\n------\n");

        Assert.Equal(new[] { "notes", "settings", "settings-1", "setext" }, ids);
    }

    /// <summary>The Markdown files whose links must resolve: the README, every page under docs/, and each package's readme.</summary>
    private static List<string> DocumentationFiles(string root)
    {
        var files = new List<string> { Path.Combine(root, "README.md") };
        string docs = Path.Combine(root, "docs");
        if (Directory.Exists(docs))
        {
            files.AddRange(Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
        }

        files.AddRange(Directory.GetDirectories(Path.Combine(root, "src"))
            .Select(project => Path.Combine(project, "README.md"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal));
        return files;
    }

    /// <summary>One line per relative link that does not resolve: <c>file:line: target: why</c>.</summary>
    private static List<string> BrokenLinks(string root, IEnumerable<string> files, out int checkedLinks)
    {
        var broken = new List<string>();
        var headingCache = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        checkedLinks = 0;
        foreach (string file in files)
        {
            foreach (var (line, target) in RelativeLinks(File.ReadAllText(file)))
            {
                checkedLinks++;
                if (Problem(root, file, target, headingCache) is { } problem)
                {
                    broken.Add($"{Relative(root, file)}:{line}: {target}: {problem}");
                }
            }
        }

        return broken;
    }

    /// <summary>What is wrong with one relative link, or null when it resolves.</summary>
    private static string? Problem(string root, string file, string target, Dictionary<string, IReadOnlyList<string>> headingCache)
    {
        int hash = target.IndexOf('#', StringComparison.Ordinal);
        string pathPart = hash < 0 ? target : target[..hash];
        string? fragment = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        int query = pathPart.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            pathPart = pathPart[..query];
        }

        string path = Uri.UnescapeDataString(pathPart);
        string resolved = path.Length == 0 ? file
            : path.StartsWith('/') ? Path.GetFullPath(Path.Combine(root, path.TrimStart('/')))
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
        if (!resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && resolved != root)
        {
            return $"leaves the repository ({resolved})";
        }

        bool isFile = File.Exists(resolved);
        if (!isFile && !Directory.Exists(resolved.TrimEnd(Path.DirectorySeparatorChar)))
        {
            return $"no file or folder {Relative(root, resolved)}";
        }

        if (string.IsNullOrEmpty(fragment) || !isFile || !resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!headingCache.TryGetValue(resolved, out var ids))
        {
            ids = HeadingIds(File.ReadAllText(resolved));
            headingCache[resolved] = ids;
        }

        return ids.Contains(fragment, StringComparer.Ordinal)
            ? null
            : $"no heading #{fragment} in {Relative(root, resolved)} (its headings: {string.Join(", ", ids.Select(id => "#" + id))})";
    }

    /// <summary>The relative links of a Markdown text with their 1-based lines: inline links and images, and reference definitions.</summary>
    private static List<(int Line, string Target)> RelativeLinks(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var links = new List<(int Line, string Target)>();
        foreach (var link in document.Descendants<LinkInline>())
        {
            // A reference-style link is checked once, at its definition.
            if (link.Reference is null && link.Url is { } url && IsRelative(url))
            {
                links.Add((link.Line + 1, url));
            }
        }

        foreach (var definition in document.Descendants<LinkReferenceDefinition>().Distinct())
        {
            if (definition.Url is { } url && IsRelative(url))
            {
                links.Add((definition.Line + 1, url));
            }
        }

        return [.. links.OrderBy(l => l.Line)];
    }

    /// <summary>The full paths a Markdown file links to (fragments dropped), for checking what a page links to.</summary>
    private static IEnumerable<string> RelativeTargets(string root, string file) =>
        RelativeLinks(File.ReadAllText(file))
            .Select(l => l.Target.Split('#')[0])
            .Where(path => path.Length > 0)
            .Select(path => path.StartsWith('/')
                ? Path.GetFullPath(Path.Combine(root, path.TrimStart('/')))
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path))));

    /// <summary>True for a link into the repository: no scheme (http:, mailto:, ...) and not protocol-relative.</summary>
    private static bool IsRelative(string url) =>
        url.Length > 0 && !url.StartsWith("//", StringComparison.Ordinal) && !SchemePattern().IsMatch(url);

    /// <summary>A URI scheme at the start of a link (RFC 3986: a letter, then letters, digits, +, - or .).</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePattern();

    /// <summary>The ids GitHub gives the headings of a Markdown text, in order.</summary>
    private static List<string> HeadingIds(string markdown) =>
        [.. Markdown.Parse(markdown, Pipeline).Descendants<HeadingBlock>().Select(h => h.GetAttributes().Id).OfType<string>()];

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>The repository's root: the folder holding Flux2.Agents.sln above the test binaries (or, failing that, above this source file).</summary>
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Flux2.Agents.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        Assert.Fail($"no Flux2.Agents.sln above {AppContext.BaseDirectory} or {sourceFile}: run the tests from the repository");
        return "";
    }
}
