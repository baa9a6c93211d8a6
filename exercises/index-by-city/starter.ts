import type Redis from 'ioredis';

export interface User {
  id: string;
  name: string;
  city: string;
}

export async function addUser(redis: Redis, user: User): Promise<void> {
  // TODO: in one MULTI/EXEC, store the hash user:<id> (fields name and city)
  // and add the id to the set city:<city>:users.
  void redis;
  void user;
}

export async function usersIn(redis: Redis, city: string): Promise<string[]> {
  // TODO: read the ids from city:<city>:users, fetch each user's name,
  // and return the names sorted alphabetically.
  void redis;
  void city;
  return [];
}

export async function moveUser(redis: Redis, id: string, newCity: string): Promise<void> {
  // TODO: read the user's current city, then in one MULTI/EXEC set the new city in user:<id>,
  // remove the id from the old city's set and add it to the new city's set.
  void redis;
  void id;
  void newCity;
}
