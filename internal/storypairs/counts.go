package storypairs

import "fmt"

// Counts tallies a clustering's verdicts on labelled pairs: true and
// false joins, missed joins, and pairs rightly kept apart.
type Counts struct{ TP, FP, FN, TN int }

// Add counts one verdict: whether the pair was joined, and whether its
// reports tell the same story.
func (c *Counts) Add(joined, same bool) {
	switch {
	case joined && same:
		c.TP++
	case joined:
		c.FP++
	case same:
		c.FN++
	default:
		c.TN++
	}
}

// AddAll adds another tally to this one.
func (c *Counts) AddAll(o Counts) {
	c.TP, c.FP, c.FN, c.TN = c.TP+o.TP, c.FP+o.FP, c.FN+o.FN, c.TN+o.TN
}

// Pairs is the number of pairs counted; Same those of one story.
func (c Counts) Pairs() int { return c.TP + c.FP + c.FN + c.TN }

// Same is the number of pairs whose reports tell one story.
func (c Counts) Same() int { return c.TP + c.FN }

// Precision is the share of joins that are right.
func (c Counts) Precision() float64 { return float64(c.TP) / float64(max(1, c.TP+c.FP)) }

// Recall is the share of same-story pairs that are joined.
func (c Counts) Recall() float64 { return float64(c.TP) / float64(max(1, c.TP+c.FN)) }

// FBeta weighs precision and recall: beta 1 weighs them alike, beta 0.5
// weighs precision twice as much.
func (c Counts) FBeta(beta float64) float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	b2 := beta * beta
	return (1 + b2) * p * r / (b2*p + r)
}

func (c Counts) String() string {
	return fmt.Sprintf("precision %.3f, recall %.3f (tp %d, fp %d, fn %d, tn %d)",
		c.Precision(), c.Recall(), c.TP, c.FP, c.FN, c.TN)
}
