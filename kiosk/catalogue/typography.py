"""The classes of characters Japanese line breaking (禁則処理, JIS X 4051 in its simple form)
keeps from either edge of a line: language data, kept with the kiosk's other words and used
by `kiosk.app.prose`."""

from __future__ import annotations

#: 行頭禁則: no line starts with these. Closing brackets and quotes (終わり括弧類), hyphens
#: (ハイフン類), ？！ (区切り約物), the middle dot and colons (中点類), full stops (句点類),
#: commas (読点類), iteration marks (繰返し記号), the prolonged sound mark (長音記号), small
#: kana (小書きの仮名) and postfix signs (後置省略記号); Chinese punctuation, half-width forms.
NO_START = frozenset(
    "’”）〕］｝〉》」』】〙〗〟｠»)]}｣"
    "‐〜゠–"
    "？！‼⁇⁈⁉?!"
    "・：；:;･"
    "。．.｡"
    "、，,､"
    "ヽヾゝゞ々〻"
    "ーｰ"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯ"
    "％‰°′″℃¢%"
    "﹐﹑﹒﹔﹕﹖﹗"
)

#: 行末禁則: no line ends with these. Opening brackets and quotes (始め括弧類) and prefix
#: signs (前置省略記号: the yen before its amount).
NO_END = frozenset("‘“（〔［｛〈《「『【〘〖〝｟«([{｢" "￥＄¥$£€＃")

#: 分離禁止: no break between two of these (a dash or an ellipsis drawn as two).
INSEPARABLE = frozenset("—―…‥〳〴〵")

__all__ = ["INSEPARABLE", "NO_END", "NO_START"]
