package rules

// builtinRegions are the regions every rules file can name. Each lists the
// place names (countries, capitals, large cities) whose mention ties an item
// to the region, in English, Russian and local spellings. A trailing * makes
// a prefix, so "kazakh*" also finds "Kazakhstan's" and "Kazakhs".
//
// This is a seed list; a gazetteer built from GeoNames replaces it later.
var builtinRegions = map[string][]string{
	"kazakhstan": {"kazakh*", "казах*", "қазақ*", "astana", "астана*", "almaty", "алматы", "алма-ата*",
		"shymkent", "шымкент*", "karaganda", "караганд*", "aktobe", "актобе", "atyrau", "атырау"},
	"kyrgyzstan": {"kyrgyz*", "kirgiz*", "кыргыз*", "киргиз*", "bishkek", "бишкек*", "osh", "ош",
		"jalal-abad", "джалал-абад*", "жалал-абад*", "batken", "баткен*"},
	"tajikistan": {"tajik*", "таджик*", "тоҷик*", "dushanbe", "душанбе", "khujand", "худжанд*",
		"kulob", "kulyab", "куляб*", "кӯлоб", "gorno-badakhshan", "горно-бадахшан*", "khorog", "хорог*"},
	"turkmenistan": {"turkmen*", "туркмен*", "ashgabat", "ашхабад*", "türkmen*"},
	"uzbekistan": {"uzbek*", "узбек*", "o'zbek*", "ўзбек*", "tashkent", "ташкент*", "toshkent*",
		"samarkand", "самарканд*", "andijan", "андижан*", "fergana", "farg'ona", "фергана*", "фергани*",
		"namangan", "наманган*", "bukhara", "бухар*", "nukus", "нукус*", "termez", "термез*"},
	"afghanistan": {"afghan*", "афган*", "kabul", "кабул*", "kandahar", "кандагар*", "herat", "герат*",
		"mazar-i-sharif", "мазари-шариф*", "kunduz", "кундуз*", "taliban", "талиб*"},
	"russia": {"russia*", "росси*", "moscow", "москв*", "kremlin", "кремл*", "dagestan", "дагестан*",
		"chechnya", "чечн*", "orenburg", "оренбург*"},
	"central-asia": {"central asia*", "центральн* ази*", "средн* ази*"},
}

// regionGroups are built-in regions that include others: a topic about
// Central Asia also matches an item that only names Bishkek.
var regionGroups = map[string][]string{
	"central-asia": {"kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"},
}
