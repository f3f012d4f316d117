using System.Text;

namespace StatusHub.Core.Rendering.Html;

/// <summary>Sorting town names as a German reader expects ("Mössingen" among the M's), without culture data (invariant globalization).</summary>
internal static class TownNames
{
    public static string SortKey(string name)
    {
        var key = new StringBuilder(name.Length + 2);
        foreach (var c in name.ToLowerInvariant())
        {
            key.Append(c switch
            {
                'ä' or 'á' or 'à' or 'â' => "a",
                'ö' or 'ó' or 'ò' or 'ô' => "o",
                'ü' or 'ú' or 'ù' or 'û' => "u",
                'é' or 'è' or 'ê' => "e",
                'ß' => "ss",
                _ => c.ToString(),
            });
        }

        return key.ToString();
    }
}
