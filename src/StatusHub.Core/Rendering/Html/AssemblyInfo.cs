using System.Runtime.CompilerServices;

// The renderer tests check palette contrast and label completeness, which are internal details of the pages.
[assembly: InternalsVisibleTo("StatusHub.Core.Tests")]
