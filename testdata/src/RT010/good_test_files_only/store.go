package store

type Store struct{ tokens map[string]string }

func (s *Store) Put(user, token string) {
	if s.tokens == nil {
		s.tokens = map[string]string{}
	}
	s.tokens[user] = token
}
