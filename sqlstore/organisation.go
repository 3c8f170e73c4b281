package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"github.com/koers-nl/koers"
)

// UpdateOrganisation stores an organisation's own settings; see
// koers.Store.
func (s *Store) UpdateOrganisation(ctx context.Context, org *koers.Organisation) error {
	if err := org.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(q q) error {
		old, err := loadOrganisation(q, org.ID)
		if err != nil {
			return err
		}
		if old.Slug != org.Slug {
			return koers.Errorf(koers.EINVALID, "Het webadres van een organisatie blijft gelijk.")
		}
		w := &writer{q: q}
		if err := w.organisation(org); err != nil {
			return err
		}
		// Apart from w.organisation, which imports share: a bundle does
		// not carry the organisation's review rules.
		if _, err := q.exec("UPDATE organisations SET self_review = ? WHERE id = ?", org.SelfReview, org.ID); err != nil {
			return err
		}
		return q.audit(koers.AuditEntry{Action: koers.AuditOrganisation, OrganisationID: org.ID,
			Before: describeOrganisation(old), After: describeOrganisation(org)})
	})
}

// describeOrganisation is an organisation's settings in short, for the
// audit log.
func describeOrganisation(o *koers.Organisation) string {
	logo := "geen logo"
	if o.Theme.Logo != "" {
		logo = "logo " + strconv.Itoa(len(o.Theme.Logo)) + " bytes"
	}
	out := fmt.Sprintf("%s; %s; kleur %s; %s; tekens %s", o.Name, o.CBSCode, o.Theme.Colour, logo, o.Finance.Signs)
	if o.SelfReview {
		out += "; eigen goedkeuring toegestaan"
	}
	return out
}
